/**
 * A speed limit changed while transfers run applies at once, in both directions:
 *  - A debt run up under an old limit is not owed after an unlimited period: the bucket used
 *    to keep it, so the first chunk after setting a limit again, hours later, waited it off.
 *  - Lifting a limit frees a transfer already waiting off its debt: at 1 KiB/s one 64 KiB
 *    chunk used to hold the transfer for a minute after the user chose "unlimited".
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { TokenBucket } from '../../../src-main/queue/token-bucket.js';
import { download } from './downloads.js';
import { useQueueScratch } from './queue-scratch.js';
import { ScriptedFs } from './scripted-fs.js';

const scratch = useQueueScratch();
const KiB = 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a debt from an old limit is not owed after an unlimited hour', () => {
  let now = 0;
  const bucket = new TokenBucket(1000, () => now);
  expect(bucket.take(10_000)).toBe(9000); // 10 s of data at 1000 B/s: wait 9 s
  bucket.setRate(0); // the user lifts the limit...
  now += 3600_000; // ...for an hour...
  bucket.setRate(1000); // ...and sets it again.
  // A one-byte chunk must not wait off a debt from an hour ago.
  expect(bucket.take(1)).toBe(0);
});

it('a wait already under way ends at once when the limit is lifted, sooner when it is raised', () => {
  vi.useFakeTimers();
  try {
    const now = () => Date.now();
    const bucket = new TokenBucket(1000, now);
    const woke: string[] = [];
    bucket.wait(9000, () => woke.push('lifted'));
    bucket.setRate(0);
    vi.advanceTimersByTime(0);
    expect(woke).toEqual(['lifted']);
    bucket.setRate(1000);
    bucket.wait(4000, () => woke.push('raised'));
    bucket.setRate(4000); // four times the rate: a quarter of the wait is left
    vi.advanceTimersByTime(999);
    expect(woke).toEqual(['lifted']);
    vi.advanceTimersByTime(1);
    expect(woke).toEqual(['lifted', 'raised']);
  } finally {
    vi.useRealTimers();
  }
});

it('lifting the download limit frees a transfer that is waiting off its debt', async () => {
  const size = 1024 * KiB;
  await writeFile(join(scratch.root, 'big.bin'), Buffer.alloc(size, 1));
  const queue = await scratch.open({
    // A plain local read: 64 KiB chunks, as FTP data connections deliver them.
    connect: () => Promise.resolve(new ScriptedFs({})),
    settings: { defaultOverwrite: 'overwrite', downloadLimit: 1 * KiB },
    progressIntervalMs: 20,
  });
  const [id] = await queue.add([download(scratch.root, 'big.bin', 'out.bin', size)]);
  await queue.start();
  // The first chunk has passed the tap: it owes about a minute at 1 KiB/s.
  while ((queue.get(id!)?.transferred ?? 0) === 0) await sleep(10);
  await queue.settings({ downloadLimit: 0 });
  // Unlimited, 1 MiB on the local disk takes milliseconds; the old wait was a minute.
  const finished = await Promise.race([queue.whenIdle().then(() => true), sleep(10_000).then(() => false)]);
  expect({ finished, state: queue.get(id!)?.state }).toEqual({ finished: true, state: 'done' });
}, 15_000);
