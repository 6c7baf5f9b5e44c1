/**
 * A list() running when the connection drops settles with CONNECTION_LOST. ssh2's readdir(path)
 * helper, on the "No response from server" failure of a READDIR, calls close(handle) and waits
 * for that reply before calling back; on a dead channel that CLOSE is never answered, so the
 * list used to stay pending for ever. The session now fails its pending requests itself.
 */
import { describe, expect, it } from 'vitest';
import { useSshdSession } from './sftp-test-kit.js';

const sshd = useSshdSession();

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> =>
  Promise.race([
    promise,
    new Promise<'still pending'>((resolve) => setTimeout(() => resolve('still pending'), ms)),
  ]);

describe('connection lost during list()', () => {
  it('settles the pending list with CONNECTION_LOST', async () => {
    await sshd.server.writeFile('dir/a.txt', 'a');
    // Stop the sshd.server at the moment the folder handle is open on it (first READDIR on the handle).
    const sftp = (sshd.fs as unknown as { sftp: { readdir: (...args: unknown[]) => unknown } }).sftp;
    const original = sftp.readdir.bind(sftp);
    let stopping: Promise<void> | null = null;
    sftp.readdir = (where: unknown, ...rest: unknown[]) => {
      if (Buffer.isBuffer(where) && !stopping) stopping = sshd.server.stop();
      return original(where, ...rest);
    };
    const listing = sshd.fs.list(sshd.server.remotePath('dir')).then(
      () => 'listed',
      (error: unknown) => error,
    );
    const outcome = await within(listing, 15_000);
    await stopping;
    expect(sshd.fs.connected).toBe(false);
    expect(outcome).toMatchObject({ code: 'CONNECTION_LOST' });
  });
});
