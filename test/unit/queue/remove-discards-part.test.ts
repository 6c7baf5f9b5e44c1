/**
 * Removing a download from the queue must not leave its half file behind. Once the item is
 * gone (from the queue and the journal) nothing will ever resume or finish `<target>.part`,
 * so it used to stay beside the target for good, however large. A cancelled item keeps its
 * .part on purpose (a retry continues it) until it is removed.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runningDownload } from './downloads.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

it('removing a running download leaves no .part behind', async () => {
  const { queue, id } = await runningDownload(scratch, join('out', 'copy'));
  await queue.remove([id]);
  await queue.whenIdle();
  expect(queue.list()).toEqual([]);
  expect(await readdir(join(scratch.root, 'out'))).toEqual([]);
});

it('a cancelled download keeps its .part for a retry, and removing it then discards it', async () => {
  const { queue, id } = await runningDownload(scratch, join('out', 'copy'));
  await queue.cancel([id]);
  await queue.whenIdle();
  expect(queue.get(id)?.state).toBe('failed');
  expect(await readdir(join(scratch.root, 'out'))).toEqual(['copy.part']);
  await queue.remove([id]);
  expect(await readdir(join(scratch.root, 'out'))).toEqual([]);
});
