/** Download requests and a running download, shared by the queue's state-machine tests. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { QueueRequest, QueueSettings, TransferQueue } from '../../../src-main/queue/index.js';
import { SMALL_FILE_BYTES } from '../../../src-main/queue/collecting-sink.js';
import type { useQueueScratch } from './queue-scratch.js';
import { ScriptedFs } from './scripted-fs.js';

/** Above the size held in memory, so a download writes `<target>.part` as it goes. */
export const PART_SIZE = SMALL_FILE_BYTES + 64 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A download from the scratch folder ("site") to a path in it ("local"). */
export function download(root: string, from: string, to: string, size: number): QueueRequest {
  return {
    direction: 'download',
    source: { location: 'site', path: join(root, from) },
    target: { location: 'local', path: join(root, to) },
    size,
  };
}

/**
 * A download of PART_SIZE bytes of 7s to `to`, slowed to two seconds so a test can act while
 * it runs; resolves once its first bytes are reported.
 */
export async function runningDownload(
  scratch: ReturnType<typeof useQueueScratch>,
  to: string,
  settings: Partial<QueueSettings> = {},
): Promise<{ queue: TransferQueue; id: string }> {
  await writeFile(join(scratch.root, 'big'), Buffer.alloc(PART_SIZE, 7));
  const queue = await scratch.open({
    connect: () => Promise.resolve(new ScriptedFs({ slowBytesPerSecond: PART_SIZE / 2 })),
    settings: { defaultOverwrite: 'overwrite', ...settings },
    progressIntervalMs: 10,
  });
  const [id] = await queue.add([download(scratch.root, 'big', to, PART_SIZE)]);
  await queue.start();
  while ((queue.get(id!)?.transferred ?? 0) < 8 * 1024) await sleep(10);
  return { queue, id: id! };
}
