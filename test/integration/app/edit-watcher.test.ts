import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { EditWatcher, fixedConnection } from '../../../src-main/app/edit-watcher.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp, type FtpFileSystem } from '../../../src-main/ftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';

class ScriptedPrompter implements Prompter {
  readonly asked: Prompt[] = [];
  constructor(private readonly action: 'overwrite' | 'skip') {}
  async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    return { action: this.action, applyToAll: false } as PromptAnswers[P['kind']];
  }
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('editing a remote file', () => {
  let server: RunningServer;
  let fs: FtpFileSystem;

  beforeAll(async () => {
    server = await startServer('pyftpdlib');
    fs = await connectFtp(
      {
        protocol: 'ftp-insecure',
        host: '127.0.0.1',
        port: server.port,
        user: server.user,
        password: server.password,
      },
      {
        logger: silentLogger,
        prompter: new ScriptedPrompter('skip'),
        trustStore: new MemoryCertificateTrustStore(),
      },
    );
  });

  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
  });

  it('uploads each save of the local copy', async () => {
    await server.writeFile('notes.txt', 'first\n');
    const prompter = new ScriptedPrompter('skip');
    const edits = new EditWatcher(prompter, () => silentLogger);
    try {
      const { localPath } = await edits.edit(fixedConnection(fs), server.remotePath('notes.txt'), 's1');
      expect(await readFile(localPath, 'utf8')).toBe('first\n');
      await writeFile(localPath, 'second\n');
      await until(async () => (await readFile(server.localPath('notes.txt'), 'utf8')) === 'second\n');
      expect(prompter.asked).toEqual([]);
    } finally {
      edits.close();
    }
  });

  it('asks before overwriting a file that changed on the server, and keeps the server copy on "skip"', async () => {
    await server.writeFile('shared.txt', 'original\n');
    const prompter = new ScriptedPrompter('skip');
    const edits = new EditWatcher(prompter, () => silentLogger);
    try {
      const { localPath } = await edits.edit(fixedConnection(fs), server.remotePath('shared.txt'), 's1');
      await server.writeFile('shared.txt', 'someone else changed it\n');
      await writeFile(localPath, 'my edit\n');
      await until(async () => prompter.asked.length > 0);
      expect(prompter.asked[0]).toMatchObject({
        kind: 'overwrite',
        targetPath: server.remotePath('shared.txt'),
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await readFile(server.localPath('shared.txt'), 'utf8')).toBe('someone else changed it\n');
    } finally {
      edits.close();
    }
  });
});
