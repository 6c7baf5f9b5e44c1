/**
 * A 100,000-item queue: how long enqueueing takes, how much memory it holds, and what one
 * persisted change costs at 1,000 items versus 100,000 (it must not grow with the queue).
 *
 * Run: npx esbuild --bundle --platform=node --format=esm scripts/bench/queue-scale.ts \
 *        --outfile=/tmp/queue-scale.mjs && node --expose-gc /tmp/queue-scale.mjs
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransferQueue, type QueueRequest } from '../../src-main/queue/index.js';

const gc = (globalThis as { gc?: () => void }).gc;

function requests(count: number): QueueRequest[] {
  const out: QueueRequest[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      direction: 'download',
      source: { location: 'site:bench', path: `/data/folder-${i % 100}/file-${i}.bin` },
      target: { location: 'local', path: `/tmp/ferry-bench/folder-${i % 100}/file-${i}.bin` },
      size: 4096 + (i % 1000),
    });
  }
  return out;
}

/**
 * One persisted change: a priority flip on a random item, awaited until its journal line is
 * written to the OS. Median and 90th percentile in microseconds, plus journal bytes per change.
 */
async function changeCost(
  queue: TransferQueue,
  ids: string[],
  journal: string,
  changes: number,
): Promise<{ medianMicros: number; p90Micros: number; bytesPerChange: number }> {
  const sizeBefore = statSync(journal).size;
  const times: number[] = [];
  for (let i = 0; i < changes; i++) {
    const started = process.hrtime.bigint();
    await queue.setPriority([ids[(i * 7919) % ids.length]!], i % 2 === 0 ? 2 : 3);
    await queue.flushJournal(false);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return {
    medianMicros: Math.round(times[Math.floor(changes / 2)]!),
    p90Micros: Math.round(times[Math.floor(changes * 0.9)]!),
    bytesPerChange: Math.round((statSync(journal).size - sizeBefore) / changes),
  };
}

async function measure(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-queue-scale-'));
  const batch = requests(count);
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const queue = await TransferQueue.open({
    journalDir: dir,
    connect: () => Promise.reject(new Error('offline')),
  });
  const started = performance.now();
  const ids = await queue.add(batch);
  const enqueueMs = performance.now() - started;
  await queue.flushJournal();
  const persistedMs = performance.now() - started;
  gc?.();
  const rss = process.memoryUsage().rss;
  const journalBytes = statSync(join(dir, 'queue.jsonl')).size;
  const perChange = await changeCost(queue, ids, join(dir, 'queue.jsonl'), 1000);
  await queue.close();

  const reopenStarted = performance.now();
  const again = await TransferQueue.open({
    journalDir: dir,
    connect: () => Promise.reject(new Error('offline')),
  });
  const reopenMs = performance.now() - reopenStarted;
  const restored = again.list().length;
  await again.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(
    JSON.stringify({
      items: count,
      enqueueMs: Math.round(enqueueMs),
      enqueueAndJournalMs: Math.round(persistedMs),
      rssMB: Math.round(rss / 2 ** 20),
      rssGrowthMB: Math.round((rss - rssBefore) / 2 ** 20),
      persistOneChange: perChange,
      journalMB: +(journalBytes / 2 ** 20).toFixed(1),
      reopenMs: Math.round(reopenMs),
      restored,
    }),
  );
}

await measure(1_000);
await measure(100_000);
await measure(1_000);
