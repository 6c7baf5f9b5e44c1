/**
 * A transfer whose bytes stop moving: the queue only reported progress when the byte count
 * changed, so a view kept showing the speed and ETA from before the stall for as long as it
 * lasted. A stalled run is now reported about once a second, its speed falling.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import type { TransferProgress } from '../../../src-shared/model.js';
import { LocalFileSystem } from '../../../src-main/fs/local-file-system.js';
import type { TransferOptions, TransferResult } from '../../../src-main/fs/remote-file-system.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

/** Sends the first half of the file at once, then nothing until the transfer is stopped. */
class StallingServer extends LocalFileSystem {
  override download(_path: string, sink: Writable, options: TransferOptions = {}): Promise<TransferResult> {
    sink.write(Buffer.alloc(512 * 1024, 1));
    return new Promise((_resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
    });
  }
}

it('keeps reporting a stalled transfer, its speed falling', async () => {
  await writeFile(join(scratch.root, 'big.bin'), Buffer.alloc(1024 * 1024, 1));
  const queue = await scratch.open({
    connect: () => Promise.resolve(new StallingServer()),
    settings: { defaultOverwrite: 'overwrite' },
    progressIntervalMs: 50,
  });
  const ticks: { at: number; progress: TransferProgress }[] = [];
  queue.on('queue-progress', (event) => {
    for (const progress of event.progress) ticks.push({ at: performance.now(), progress });
  });
  const [id] = await queue.add([
    {
      direction: 'download',
      source: { location: 'site', path: join(scratch.root, 'big.bin') },
      target: { location: 'local', path: join(scratch.root, 'copy.bin') },
      size: 1024 * 1024,
    },
  ]);
  await queue.start();
  await new Promise((resolve) => setTimeout(resolve, 2600));
  const mine = ticks.filter((tick) => tick.progress.id === id);
  const stalledSince = mine.find((tick) => tick.progress.transferred === 512 * 1024)!.at;
  const later = mine.filter((tick) => tick.at > stalledSince + 500);
  // Reported about once a second while nothing moves, not ten times a second and not never.
  expect(later.length).toBeGreaterThanOrEqual(1);
  expect(later.length).toBeLessThanOrEqual(4);
  const speeds = later.map((tick) => tick.progress.bytesPerSecond);
  expect(speeds.at(-1)!).toBeLessThan(mine[0]!.progress.bytesPerSecond);
  await queue.pause([id!]);
});
