/**
 * `settings()` says "limits apply to running transfers at once", but a download that started
 * unlimited was never paced by a limit set while it ran. It now is.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();
const KiB = 1024;

it('a download limit set while a download runs applies to that download', async () => {
  const source = join(scratch.root, 'big.bin');
  await writeFile(source, Buffer.alloc(2048 * KiB, 5));
  const queue = await scratch.open({
    // The "network" delivers 512 KiB/s; the limit below is a tenth of that.
    connect: () => Promise.resolve(new ScriptedFs({ slowBytesPerSecond: 512 * KiB })),
    settings: { defaultOverwrite: 'overwrite' },
    progressIntervalMs: 20,
  });
  let transferred = 0;
  queue.on('queue-progress', (event) => {
    for (const p of event.progress) transferred = p.transferred;
  });
  const [id] = await queue.add([
    {
      direction: 'download',
      source: { location: 'site', path: source },
      target: { location: 'local', path: join(scratch.root, 'out.bin') },
      size: 2048 * KiB,
    },
  ]);
  await queue.start();
  await new Promise((r) => setTimeout(r, 300));
  expect(queue.get(id!)?.state).toBe('active');

  await queue.settings({ downloadLimit: 50 * KiB });
  await new Promise((r) => setTimeout(r, 200));
  const before = transferred;
  await new Promise((r) => setTimeout(r, 1000));
  const during = transferred - before;
  // At 50 KiB/s a second moves ~50 KiB (plus one chunk of slack); unlimited it moves ~512 KiB.
  expect(during).toBeLessThan(150 * KiB);
});
