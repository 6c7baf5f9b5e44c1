/**
 * setModified() used to pass the seconds straight to ssh2, which packs them into SFTP v3's
 * unsigned 32-bit mtime with `>>>` (no range check): a time before 1970 became 2106 on the
 * server. Such a time is now refused (v3 cannot carry it).
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SftpFileSystem } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectWithPassword, scratchDir, trustingKnownHosts } from './sftp-test-kit.js';

let server: RunningServer;
let scratch: { dir: string; remove: () => void };
let fs: SftpFileSystem;

beforeAll(async () => {
  server = await startServer('sshd');
  scratch = scratchDir();
  fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir));
});
afterAll(async () => {
  await fs?.close();
  await server?.dispose();
  scratch?.remove();
});

describe('setModified outside SFTP v3 time range', () => {
  it('does not silently set a pre-1970 time to the year 2106', async () => {
    const local = await server.writeFile('old.txt', 'x');
    const wanted = new Date('1969-12-31T00:00:00Z');
    const outcome = await fs
      .setModified(server.remotePath('old.txt'), wanted)
      .then(() => 'ok')
      .catch((error: unknown) => error);
    const mtime = statSync(local).mtime;
    // Either it is refused clearly, or the server holds a time no later than the one asked for
    // (clamped to the epoch); never a date 136 years in the future.
    if (outcome === 'ok') expect(mtime.getUTCFullYear()).toBeLessThanOrEqual(1970);
    else expect(outcome).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
