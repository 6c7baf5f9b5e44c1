/**
 * A recursive delete of a wide folder tree used to open one directory handle per folder being
 * listed, with up to 16^depth listings outstanding at once: more than a typical server's
 * open-file limit (systemd's default soft RLIMIT_NOFILE is 1024, which OpenSSH even reports in
 * limits@openssh.com as "open-handles"), which answered FAILURE ("Too many open files"). The
 * whole tree now shares 16 requests in flight.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSshdSession } from './sftp-test-kit.js';

// The listener's limit is what every session process inherits: as under systemd (LimitNOFILE=1024).
const sshd = useSshdSession((server) => {
  const pid = readFileSync(join(dirname(server.logFile), 'sshd.pid'), 'utf8').trim();
  execFileSync('prlimit', ['--pid', pid, '--nofile=1024:1024']);
});

describe('removeDir(recursive) on a wide tree', () => {
  it('removes a 16 x 16 x 16 folder tree on a sshd.server with 1024 open files', async () => {
    const top = sshd.server.localPath('tree');
    for (let a = 0; a < 16; a++)
      for (let b = 0; b < 16; b++)
        for (let c = 0; c < 16; c++) {
          const leaf = join(top, `a${a}`, `b${b}`, `c${c}`);
          mkdirSync(leaf, { recursive: true });
          writeFileSync(join(leaf, 'f.txt'), 'x');
        }
    await sshd.server.fixOwnership();
    // The sshd.server said how many handles it can hold (limits@openssh.com); ssh2 keeps it here.
    const advertised = (sshd.fs as unknown as { sftp: { maxOpenHandles?: number } }).sftp.maxOpenHandles;
    expect(advertised).toBeLessThan(1024);
    const error = await sshd.fs.removeDir(sshd.server.remotePath('tree'), true).catch((e: unknown) => e);
    expect(error).toBeUndefined();
    expect(existsSync(top)).toBe(false);
  });
});
