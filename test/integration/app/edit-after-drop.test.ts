/**
 * An edited file goes back to the server on every save, however long the editor stays open.
 * Servers drop idle connections (vsftpd after 300 s, most hosts sooner), and the user may
 * disconnect the tab while the editor is still open: each save must still arrive, over the
 * session's re-made connection or, once the tab is closed, over one of the edit's own.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../src-shared/model.js';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';
import { startServer, type RunningServer } from '../../harness/index.js';

// Stopping a server kills its whole process group: every connection drops, as an idle timeout does.
describe.each([
  ['FTP (pyftpdlib)', 'pyftpdlib', 'ftp-insecure'],
  ['SFTP (OpenSSH)', 'sshd', 'sftp'],
] as const)('editing over %s', (_name, kind, protocol: Protocol) => {
  let app: FerryApp;
  let configDir: string;
  let server: RunningServer;
  const opened: string[] = [];

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-edit-drop-'));
    server = await startServer(kind);
    app = await createApp({
      mode: 'web',
      configDir,
      openPath: async (file) => {
        opened.push(file);
      },
    });
    // A view that trusts the test server's host key for this run.
    app.bus.subscribe((event) => {
      if (event.type === 'prompt' && event.prompt.kind === 'host-key')
        void app.api['prompt.answer'](event.promptId, { trust: 'once' });
    });
  });

  afterAll(async () => {
    await app?.close();
    await server?.dispose();
    await rm(configDir, { recursive: true, force: true });
  });

  async function serverHas(relative: string, text: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      const now = await readFile(server.localPath(relative), 'utf8').catch(() => '');
      if (now === text) return;
      if (Date.now() > end)
        throw new Error(`the server still has ${JSON.stringify(now)}, not ${JSON.stringify(text)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a save after the server dropped the connection, and one after the tab was closed, both arrive', async () => {
    await server.writeFile('page.html', 'v1\n');
    const session = await app.api['session.connect']({
      protocol,
      host: '127.0.0.1',
      port: server.port,
      user: server.user,
      password: server.password,
    });
    const { localPath } = await app.api['fs.edit'](session.id, server.remotePath('page.html'));
    expect(opened).toEqual([localPath]);

    await writeFile(localPath, 'v2, saved while connected\n');
    await serverHas('page.html', 'v2, saved while connected\n');

    // The server goes away and comes back: the session's connection is dead.
    await server.stop();
    await server.start();
    await writeFile(localPath, 'v3, saved after the connection dropped\n');
    await serverHas('page.html', 'v3, saved after the connection dropped\n');

    // The user disconnects the tab; the editor is still open.
    await app.api['session.disconnect'](session.id);
    await writeFile(localPath, 'v4, saved after the tab was closed\n');
    await serverHas('page.html', 'v4, saved after the tab was closed\n');
  });
});
