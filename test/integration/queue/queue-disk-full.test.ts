/**
 * A full local disk, for real: downloads from vsftpd into a 256 KiB tmpfs. Both write paths
 * (small files held in memory, big files streamed through a .part) must fail with DISK_FULL
 * and a hint, not retry in a loop, keep what is safe to keep, and finish once there is room.
 * Needs root and permission to mount tmpfs; elsewhere the test reports itself skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { ftpConnect } from './tree-kit.js';

const KiB = 1024;

function tryMount(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const work = mkdtempSync(join(tmpdir(), 'ferry-disk-full-'));
const disk = join(work, 'disk');
mkdirSync(disk);
const mounted = tryMount(disk, '256k');
if (!mounted) rmSync(work, { recursive: true, force: true });

describe.skipIf(!mounted)(
  'queue on a full local disk (a 256 KiB tmpfs; skipped where mounting is not allowed)',
  () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer('vsftpd');
      for (let i = 0; i < 8; i++) await server.writeFile(`small/s${i}.bin`, Buffer.alloc(60 * KiB, i));
      await server.writeFile('big/b.bin', Buffer.alloc(600 * KiB, 9));
    });
    afterAll(async () => {
      await server?.dispose();
      execFileSync('umount', [disk], { stdio: 'ignore' });
      rmSync(work, { recursive: true, force: true });
    });

    it('fails the items that do not fit with DISK_FULL, then finishes them once there is room', async () => {
      const queue = await TransferQueue.open({
        journalDir: join(work, 'journal'),
        connect: ftpConnect(server),
        settings: { maxConnectionsPerSite: 1, defaultOverwrite: 'overwrite', retryBaseMs: 20, retries: 3 },
      });
      try {
        // The small folder first, so it fills the disk (four files fit); then the big file finds it full.
        for (const folder of ['small', 'big']) {
          await queue.add([
            {
              direction: 'download' as const,
              source: { location: 'vsftpd', path: server.remotePath(folder) },
              target: { location: 'local', path: join(disk, folder) },
              isDir: true,
            },
          ]);
          await queue.start();
          await queue.whenIdle();
        }
        const files = queue.list().filter((i) => !i.isDir);
        const failed = files.filter((i) => i.state === 'failed');
        const done = files.filter((i) => i.state === 'done');
        expect(failed.length).toBeGreaterThan(0);
        expect(done.length).toBeGreaterThan(0);
        for (const item of failed) {
          expect(item.error).toMatchObject({ code: 'DISK_FULL', retryable: false });
          expect(item.error?.hint).toMatch(/space/);
          // A full disk is not a temporary failure of the server: no retry loop.
          expect(item.attempts).toBe(1);
        }
        // Small files never leave a half file; nothing carries a final name unless complete.
        const smallLeft = readdirSync(join(disk, 'small'));
        expect(smallLeft.filter((n) => n.endsWith('.part'))).toEqual([]);
        for (const name of smallLeft) expect(readFileSync(join(disk, 'small', name)).length).toBe(60 * KiB);

        // Make room (a bigger disk in the same place), retry the failed ones: everything arrives.
        execFileSync('mount', ['-o', 'remount,size=4m', disk]);
        await queue.retry();
        await queue.whenIdle();
        for (const item of queue.list().filter((i) => !i.isDir)) expect(item.state).toBe('done');
        for (let i = 0; i < 8; i++)
          expect(readFileSync(join(disk, 'small', `s${i}.bin`))).toEqual(Buffer.alloc(60 * KiB, i));
        expect(readFileSync(join(disk, 'big', 'b.bin'))).toEqual(Buffer.alloc(600 * KiB, 9));
        expect(readdirSync(join(disk, 'big'))).toEqual(['b.bin']);
      } finally {
        await queue.close();
      }
    });
  },
);
