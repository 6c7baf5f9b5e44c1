/**
 * Speed check (opt-in: FERRY_BENCH=1): a 1 GiB download from vsftpd over loopback, to a
 * discarding Writable and to a file, against curl in the same run. Prints MiB/s; asserts
 * nothing about timing (machines differ), only that the bytes arrived.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { startServer } from '../../harness/index.js';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import { connectTo } from './ftp-test-kit.js';

const MiB = 1024 * 1024;
const SIZE = 1024 * MiB;

it.skipIf(!process.env.FERRY_BENCH)('1 GiB download: Ferry vs curl', { timeout: 600_000 }, async () => {
  const server = await startServer('vsftpd');
  const scratch = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  try {
    const fd = openSync(join(server.root, 'gig.bin'), 'w', 0o644);
    const block = Buffer.alloc(MiB);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    for (let i = 0; i < SIZE / MiB; i++) writeSync(fd, block);
    closeSync(fd);
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}${posix.join(server.remoteRoot, 'gig.bin')}`;
    const fs = await connectTo(server);
    const remote = posix.join(server.remoteRoot, 'gig.bin');
    const rate = (ms: number): number => Math.round((SIZE / MiB / ms) * 1000);
    const results: Record<string, number[]> = { ferryNull: [], ferryFile: [], curlNull: [], curlFile: [] };
    for (let round = 0; round < 3; round++) {
      let start = performance.now();
      const discard: Writable & { [RELEASES_CHUNKS]?: boolean } = new Writable({
        highWaterMark: 4 * MiB,
        write(_chunk, _encoding, callback) {
          callback();
        },
        writev(_chunks, callback) {
          callback();
        },
      });
      discard[RELEASES_CHUNKS] = true;
      expect((await fs.download(remote, discard)).bytes).toBe(SIZE);
      results.ferryNull!.push(rate(performance.now() - start));

      const target = join(scratch, 'ferry.bin');
      start = performance.now();
      await fs.download(remote, createWriteStream(target, { highWaterMark: 4 * MiB }));
      results.ferryFile!.push(rate(performance.now() - start));
      expect(statSync(target).size).toBe(SIZE);
      rmSync(target);

      start = performance.now();
      execFileSync('curl', ['-s', '--epsv', '-o', '/dev/null', url]);
      results.curlNull!.push(rate(performance.now() - start));

      const curlTarget = join(scratch, 'curl.bin');
      start = performance.now();
      execFileSync('curl', ['-s', '--epsv', '-o', curlTarget, url]);
      results.curlFile!.push(rate(performance.now() - start));
      rmSync(curlTarget);
    }
    await fs.close();
    console.log('MiB/s per round', JSON.stringify(results));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await server.stop();
  }
});
