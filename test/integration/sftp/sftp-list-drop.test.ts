/**
 * A list() running when the connection drops settles with CONNECTION_LOST. ssh2's readdir(path)
 * helper, on the "No response from server" failure of a READDIR, calls close(handle) and waits
 * for that reply before calling back; on a dead channel that CLOSE is never answered, so the
 * list used to stay pending for ever. The session now fails its pending requests itself.
 */
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

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> =>
  Promise.race([
    promise,
    new Promise<'still pending'>((resolve) => setTimeout(() => resolve('still pending'), ms)),
  ]);

describe('connection lost during list()', () => {
  it('settles the pending list with CONNECTION_LOST', async () => {
    await server.writeFile('dir/a.txt', 'a');
    // Stop the server at the moment the folder handle is open on it (first READDIR on the handle).
    const sftp = (fs as unknown as { sftp: { readdir: (...args: unknown[]) => unknown } }).sftp;
    const original = sftp.readdir.bind(sftp);
    let stopping: Promise<void> | null = null;
    sftp.readdir = (where: unknown, ...rest: unknown[]) => {
      if (Buffer.isBuffer(where) && !stopping) stopping = server.stop();
      return original(where, ...rest);
    };
    const listing = fs.list(server.remotePath('dir')).then(
      () => 'listed',
      (error: unknown) => error,
    );
    const outcome = await within(listing, 15_000);
    await stopping;
    expect(fs.connected).toBe(false);
    expect(outcome).toMatchObject({ code: 'CONNECTION_LOST' });
  });
});
