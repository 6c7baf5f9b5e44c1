/**
 * Removing an item while it runs must take all of its bytes out of the totals. The item's
 * bytes leave the summary at once, but its transfer takes a while to wind down (an FTP ABOR
 * is a round trip), and each progress tick meanwhile used to add the bytes that moved since
 * the last one: an empty queue then showed bytes done for good, and views got progress lines
 * for an id they had been told was removed.
 */
import type { Writable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import type { TransferOptions, TransferResult } from '../../../src-main/fs/remote-file-system.js';
import { ScriptedFs } from './scripted-fs.js';
import { download } from './downloads.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();
const KiB = 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lets the second chunk go, and resolves once the queue's tap has taken it. */
let more: () => Promise<void> = () => Promise.resolve();

/** Sends 16 KiB, then 16 KiB more when told, then winds down slowly (like ABOR) once aborted. */
class SlowAbortFs extends ScriptedFs {
  override async download(
    _path: string,
    sink: Writable,
    options: TransferOptions = {},
  ): Promise<TransferResult> {
    sink.write(Buffer.alloc(16 * KiB, 1));
    more = () => new Promise<void>((taken) => sink.write(Buffer.alloc(16 * KiB, 2), () => taken()));
    await new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    // The server's answer to ABOR: several progress ticks (50 ms apart) run meanwhile.
    await sleep(400);
    throw new FerryError('CANCELLED', 'Aborted.');
  }
}

it('an item removed while it runs leaves no bytes behind in the summary', async () => {
  const size = 1024 * KiB;
  await writeFile(join(scratch.root, 'big.bin'), Buffer.alloc(size, 0));
  const queue = await scratch.open({
    connect: () => Promise.resolve(new SlowAbortFs({})),
    settings: { defaultOverwrite: 'overwrite', verify: false },
    progressIntervalMs: 50,
  });
  const progressIds: string[] = [];
  let removedAt = -1;
  queue.on('queue-items', (e) => {
    if (e.removed.length > 0 && removedAt < 0) removedAt = progressIds.length;
  });
  queue.on('queue-progress', (e) => {
    for (const p of e.progress) progressIds.push(p.id);
  });
  const [id] = await queue.add([download(scratch.root, 'big.bin', 'out.bin', size)]);
  await queue.start();
  // A tick has reported the first 16 KiB; 16 KiB more pass, not yet reported; the user removes it.
  while ((queue.get(id!)?.transferred ?? 0) < 16 * KiB) await sleep(5);
  await more();
  await queue.remove([id!]);
  await queue.whenIdle();

  expect(queue.list()).toEqual([]);
  expect(queue.summary()).toMatchObject({ bytesDone: 0, bytesTotal: 0, bytesPerSecond: 0 });
  // No progress for an item after views were told it is gone.
  expect(removedAt).toBeGreaterThanOrEqual(0);
  expect(progressIds.slice(removedAt)).toEqual([]);
});
