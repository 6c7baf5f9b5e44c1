/**
 * The service as both shells use it, against real servers: connect, browse, file operations,
 * the queue moving files both ways, and a certificate question answered by a "view".
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';
import { startServer, type RunningServer } from '../../harness/index.js';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function until<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('FerryService against real servers', () => {
  let app: FerryApp;
  let configDir: string;
  let work: string;
  let vsftpd: RunningServer;
  let ftps: RunningServer;
  let sshd: RunningServer;
  const events: FerryEvent[] = [];

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-service-config-'));
    work = await mkdtemp(path.join(os.tmpdir(), 'ferry-service-work-'));
    [vsftpd, ftps, sshd] = await Promise.all([
      startServer('vsftpd'),
      startServer('vsftpd-ftps-explicit'),
      startServer('sshd'),
    ]);
    app = await createApp({ mode: 'web', configDir });
    app.bus.subscribe((event) => {
      events.push(event);
      // A view that trusts the test certificate "always".
      if (event.type === 'prompt' && event.prompt.kind === 'certificate') {
        void app.api['prompt.answer'](event.promptId, { trust: 'always' });
      }
      // ...and trusts host keys "once": for this run only.
      // A recent connection without its password asks for it; this view declines.
      if (event.type === 'prompt' && event.prompt.kind === 'password') {
        void app.api['prompt.answer'](event.promptId, { password: null, remember: false });
      }
      if (event.type === 'prompt' && event.prompt.kind === 'host-key') {
        void app.api['prompt.answer'](event.promptId, { trust: 'once' });
      }
    });
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([vsftpd?.dispose(), ftps?.dispose(), sshd?.dispose()]);
    await rm(configDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('connects, browses, and changes files through the contract', async () => {
    await vsftpd.writeFile('hello.txt', 'hello\n');
    const session = await app.api['session.connect']({
      protocol: 'ftp-insecure',
      host: '127.0.0.1',
      port: vsftpd.port,
      user: vsftpd.user,
      password: vsftpd.password,
    });
    expect(session).toMatchObject({ state: 'connected', secure: false });
    const listing = await app.api['fs.list'](session.id, '/');
    expect(listing.entries.map((e) => e.name)).toContain('hello.txt');

    await app.api['fs.mkdir'](session.id, '/made');
    // A taken name is said as such, not as the server's bare "550 Create directory operation failed".
    await expect(app.api['fs.mkdir'](session.id, '/made')).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: '/made already exists.',
    });
    await app.api['fs.rename'](session.id, '/hello.txt', '/made/renamed.txt');
    await app.api['fs.chmod'](session.id, '/made/renamed.txt', 0o640);
    const inside = await app.api['fs.list'](session.id, '/made');
    expect(inside.entries).toEqual([
      expect.objectContaining({ name: 'renamed.txt', permissions: 'rw-r-----' }),
    ]);
    await app.api['fs.delete'](session.id, ['/made']);
    expect((await app.api['fs.list'](session.id, '/')).entries.map((e) => e.name)).not.toContain('made');
    expect(events.some((e) => e.type === 'listing-changed' && e.sessionId === session.id)).toBe(true);

    const reply = await app.api['session.raw'](session.id, 'SYST');
    expect(reply.code).toBe(215);
    const log = await app.api['session.log'](session.id);
    expect(log.some((line) => line.text.startsWith('PASS') && !line.text.includes(vsftpd.password))).toBe(
      true,
    );
    await app.api['session.disconnect'](session.id);
  });

  it('moves files both ways through the queue and verifies them', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await vsftpd.writeFile('down.bin', data);
    const local = path.join(work, 'up.bin');
    await writeFile(local, data);
    const session = await app.api['session.connect']({
      protocol: 'ftp-insecure',
      host: '127.0.0.1',
      port: vsftpd.port,
      user: vsftpd.user,
      password: vsftpd.password,
    });
    const ids = await app.api['queue.add']([
      {
        direction: 'download',
        sessionId: session.id,
        sourcePath: '/down.bin',
        targetPath: path.join(work, 'down.bin'),
      },
      { direction: 'upload', sessionId: session.id, sourcePath: local, targetPath: '/up.bin' },
    ]);
    expect(ids).toHaveLength(2);
    const items = await until(async () => {
      const { items } = await app.api['queue.list']();
      const mine = items.filter((i) => ids.includes(i.id));
      return mine.every((i) => i.state === 'done' || i.state === 'failed') ? mine : undefined;
    });
    expect(items.map((i) => [i.state, i.error?.message])).toEqual([
      ['done', undefined],
      ['done', undefined],
    ]);
    expect(sha(await readFile(path.join(work, 'down.bin')))).toBe(sha(data));
    expect(sha(await readFile(vsftpd.localPath('up.bin')))).toBe(sha(data));
    expect(events.some((e) => e.type === 'queue-progress')).toBe(true);
    // The views showing the two folders the files landed in are told to refresh.
    await until(async () =>
      events.some((e) => e.type === 'listing-changed' && e.sessionId === session.id && e.path === '/') &&
      events.some((e) => e.type === 'listing-changed' && e.sessionId === 'local' && e.path === work)
        ? true
        : undefined,
    );
  });

  it('asks a view about an untrusted certificate, pins it, and does not ask again', async () => {
    const target = {
      protocol: 'ftpes' as const,
      host: '127.0.0.1',
      port: ftps.port,
      user: ftps.user,
      password: ftps.password,
    };
    const first = await app.api['session.connect'](target);
    expect(first).toMatchObject({ state: 'connected', secure: true, security: { kind: 'tls' } });
    const asked = events.filter((e) => e.type === 'prompt').length;
    expect(asked).toBe(1);
    const second = await app.api['session.connect'](target);
    expect(second.state).toBe('connected');
    expect(events.filter((e) => e.type === 'prompt').length).toBe(asked);
    await app.api['session.disconnect'](first.id);
    await app.api['session.disconnect'](second.id);
  });

  it('asks in plain words, and a host key trusted once is not asked about again in this run', async () => {
    const certificatePrompt = events.find((e) => e.type === 'prompt' && e.prompt.kind === 'certificate');
    expect(certificatePrompt).toMatchObject({ prompt: { reason: expect.stringContaining('self-signed') } });

    const target = {
      protocol: 'sftp' as const,
      host: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      password: sshd.password,
    };
    const hostKeyPrompts = (): number =>
      events.filter((e) => e.type === 'prompt' && e.prompt.kind === 'host-key').length;
    const first = await app.api['session.connect'](target);
    expect(first.security).toMatchObject({ kind: 'ssh', hostKey: { fingerprint: sshd.hostKeyFingerprint } });
    expect(hostKeyPrompts()).toBe(1);
    const second = await app.api['session.connect'](target);
    expect(second.state).toBe('connected');
    expect(hostKeyPrompts()).toBe(1);
    await app.api['session.disconnect'](first.id);
    await app.api['session.disconnect'](second.id);
  });

  it('remembers quick connections, with the password only when asked to save it', async () => {
    const target = {
      protocol: 'ftp-insecure' as const,
      host: '127.0.0.1',
      port: vsftpd.port,
      user: vsftpd.user,
      password: vsftpd.password,
    };
    const plain = await app.api['session.connect'](target);
    await app.api['session.disconnect'](plain.id);
    const [withoutPassword] = await app.api['sites.recent']();
    expect(withoutPassword).toMatchObject({
      hasSecret: false,
      target: { host: '127.0.0.1', port: vsftpd.port },
    });
    expect(withoutPassword?.target).not.toHaveProperty('password');
    await expect(app.api['session.connectRecent'](withoutPassword!.key)).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
      message: expect.stringMatching(/No password was given/),
    });

    const saved = await app.api['session.connect'](target, { savePassword: true });
    await app.api['session.disconnect'](saved.id);
    const [withPassword] = await app.api['sites.recent']();
    expect(withPassword).toMatchObject({ key: withoutPassword!.key, hasSecret: true });
    const again = await app.api['session.connectRecent'](withPassword!.key);
    expect(again.state).toBe('connected');
    await app.api['session.disconnect'](again.id);
    // The sites file never holds the password, whichever store kept it.
    const onDisk = await readFile(path.join(configDir, 'sites.json'), 'utf8');
    expect(onDisk).not.toContain(vsftpd.password);
  });
});
