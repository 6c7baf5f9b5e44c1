/**
 * A command given to an item that is still stopping must not be lost. An item stays "active"
 * until its aborted transfer has wound down (an FTP ABOR takes a round trip, a stalled server
 * much longer), and the first reason used to win, so:
 *  - "cancel" during "pause all" was ignored: the item went back to the queue and was
 *    transferred after all when the queue resumed;
 *  - "resume" (or "retry") right after "pause" (or "cancel") was ignored: it stayed stopped.
 * Now a stronger command replaces a weaker one (remove > cancel > pause > pause all), and
 * resume or retry turn a pending pause or cancel into "back to the queue".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PART_SIZE, runningDownload } from './downloads.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Short back-offs, so an item that is sent back to the queue never waits out a long one. */
const start = () => runningDownload(scratch, 'copy', { retryBaseMs: 1, retryCapMs: 5 });

it('cancel given while "pause all" is stopping the item still cancels it', async () => {
  const { queue, id } = await start();
  await queue.pause();
  await queue.cancel([id]);
  while (queue.get(id)?.state === 'active') await sleep(10);
  expect(queue.get(id)).toMatchObject({ state: 'failed', error: { code: 'CANCELLED' } });
  // And resuming the queue must not transfer the cancelled item after all.
  await queue.resume();
  await queue.whenIdle();
  expect(queue.get(id)?.state).toBe('failed');
});

it('resume given while a paused item is still stopping runs it again', async () => {
  const { queue, id } = await start();
  await queue.pause([id]);
  await queue.resume([id]);
  await queue.whenIdle();
  expect(queue.get(id)?.state).toBe('done');
  expect(await readFile(join(scratch.root, 'copy'))).toEqual(Buffer.alloc(PART_SIZE, 7));
});

it('retry given while a cancelled item is still stopping runs it again', async () => {
  const { queue, id } = await start();
  await queue.cancel([id]);
  await queue.retry([id]);
  await queue.whenIdle();
  expect(queue.get(id)).toMatchObject({ state: 'done', attempts: 1 });
  expect(await readFile(join(scratch.root, 'copy'))).toEqual(Buffer.alloc(PART_SIZE, 7));
});
