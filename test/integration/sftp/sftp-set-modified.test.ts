/**
 * setModified() used to pass the seconds straight to ssh2, which packs them into SFTP v3's
 * unsigned 32-bit mtime with `>>>` (no range check): a time before 1970 became 2106 on the
 * server. Such a time is now refused (v3 cannot carry it).
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSshdSession } from './sftp-test-kit.js';

const sshd = useSshdSession();

describe('setModified outside SFTP v3 time range', () => {
  it('does not silently set a pre-1970 time to the year 2106', async () => {
    const local = await sshd.server.writeFile('old.txt', 'x');
    const wanted = new Date('1969-12-31T00:00:00Z');
    const outcome = await sshd.fs
      .setModified(sshd.server.remotePath('old.txt'), wanted)
      .then(() => 'ok')
      .catch((error: unknown) => error);
    const mtime = statSync(local).mtime;
    // Either it is refused clearly, or the sshd.server holds a time no later than the one asked for
    // (clamped to the epoch); never a date 136 years in the future.
    if (outcome === 'ok') expect(mtime.getUTCFullYear()).toBeLessThanOrEqual(1970);
    else expect(outcome).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
