/**
 * A copy between servers holds a connection at each end at once, and the limits must count
 * both, or copies hang or break the server's rules:
 *  - A copy within one site limited to one connection (the setting's minimum, or what a 421
 *    leaves) used to hold its source connection and wait for ever for a second one the pool
 *    would never lend: the item sat "active" for good. It now gets the second connection it
 *    needs to finish (one over the limit, for that item only).
 *  - Copies between two sites used to be admitted while one connection was free under the
 *    global limit, so two copies used four connections under a limit of three.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { QueueRequest } from '../../../src-main/queue/index.js';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const copy = (from: string, fromPath: string, to: string, toPath: string): QueueRequest => ({
  direction: 'copy',
  source: { location: from, path: join(scratch.root, fromPath) },
  target: { location: to, path: join(scratch.root, toPath) },
});

it('a copy within one site finishes when that site allows one connection', async () => {
  await writeFile(join(scratch.root, 'a'), 'some bytes');
  const queue = await scratch.open({
    connect: () => Promise.resolve(new ScriptedFs({})),
    settings: { defaultOverwrite: 'overwrite', maxConnectionsPerSite: 1 },
  });
  const [id] = await queue.add([copy('site', 'a', 'site', 'b')]);
  await queue.start();
  // A 10-byte copy takes milliseconds; the guard only turns a hang into a readable failure.
  const idle = await Promise.race([queue.whenIdle().then(() => true), sleep(10_000).then(() => false)]);
  expect({ idle, state: queue.get(id!)?.state }).toEqual({ idle: true, state: 'done' });
}, 15_000);

it('copies between two sites keep to the global connection limit', async () => {
  const size = 64 * 1024;
  for (const n of [1, 2, 3]) await writeFile(join(scratch.root, `s${n}`), Buffer.alloc(size, n));
  let open = 0;
  let most = 0;
  class CountingFs extends ScriptedFs {
    override download(...args: Parameters<ScriptedFs['download']>) {
      return this.counted(() => super.download(...args));
    }
    override upload(...args: Parameters<ScriptedFs['upload']>) {
      return this.counted(() => super.upload(...args));
    }
    private async counted<T>(run: () => Promise<T>): Promise<T> {
      open++;
      most = Math.max(most, open);
      try {
        return await run();
      } finally {
        open--;
      }
    }
  }
  const queue = await scratch.open({
    connect: () => Promise.resolve(new CountingFs({ slowBytesPerSecond: size * 2 })),
    settings: {
      defaultOverwrite: 'overwrite',
      maxConnectionsPerSite: 2,
      maxConnectionsTotal: 3,
      verify: false,
    },
  });
  await queue.add([1, 2, 3].map((n) => copy('site-a', `s${n}`, 'site-b', `t${n}`)));
  await queue.start();
  await queue.whenIdle();
  // Each running copy has a connection to each site busy: at most 3 in use means one copy at a time.
  expect(most).toBeLessThanOrEqual(3);
});
