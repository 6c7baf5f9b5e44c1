/**
 * "Move up" / "Move down" on an item that is not waiting in the ready queue (paused, active,
 * failed, sleeping before a retry) used to swap two other items: the last queued one jumped
 * to the front. Such an item now stays where it is, and so do the others.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { QueueRequest } from '../../../src-main/queue/index.js';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

function download(name: string, extra: Partial<QueueRequest> = {}): QueueRequest {
  return {
    direction: 'download',
    source: { location: 'site', path: join(scratch.root, name) },
    target: { location: 'local', path: join(scratch.root, `${name}.out`) },
    ...extra,
  };
}

async function runOrder(where: 'up' | 'down'): Promise<string[]> {
  for (const n of ['a', 'b', 'c', 'd']) await writeFile(join(scratch.root, n), n);
  const started: string[] = [];
  const queue = await scratch.open({
    // Every download starts by asking the script for a fault: that call records the run order.
    connect: () =>
      Promise.resolve(
        new ScriptedFs({
          downloadFault: (path) => {
            started.push(path.slice(path.lastIndexOf('/') + 1));
            return null;
          },
        }),
      ),
    settings: { maxConnectionsPerSite: 1, maxConnectionsTotal: 1, defaultOverwrite: 'overwrite' },
  });
  // a is paused; b, c, d wait in this order.
  const [a] = await queue.add([download('a', { paused: true }), download('b'), download('c'), download('d')]);
  // The user moves the paused item; nothing about b, c, d should change.
  await queue.move([a!], where);
  await queue.start();
  await queue.whenIdle();
  return started;
}

it("'Move up' on a paused item leaves the other items' order alone", async () => {
  expect(await runOrder('up')).toEqual(['b', 'c', 'd']);
});

it("'Move down' on a paused item leaves the other items' order alone", async () => {
  expect(await runOrder('down')).toEqual(['b', 'c', 'd']);
});
