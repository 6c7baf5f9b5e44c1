/**
 * A retry after a temporary failure must still apply the policy the first attempt chose.
 * Here 'overwrite' downloads a file over a local file of the same size; the first attempt fails
 * with a temporary error before a byte arrives. The retry must replace the local file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

async function run(preserveTimes: boolean, size: number) {
  const fresh = Buffer.alloc(size, 0x4e); // 'N'
  const stale = Buffer.alloc(size, 0x4f); // 'O', same length
  await writeFile(join(scratch.root, 'remote.bin'), fresh);
  await writeFile(join(scratch.root, 'local.bin'), stale);
  let calls = 0;
  const queue = await scratch.open({
    connect: () =>
      Promise.resolve(
        new ScriptedFs({
          // The first RETR is refused for now (450 file busy / 425 no data connection).
          downloadFault: () =>
            calls++ === 0
              ? new FerryError('TEMPORARY', 'busy', { reply: { code: 450, text: 'busy' }, retryable: true })
              : null,
        }),
      ),
    settings: { retryBaseMs: 1, retryCapMs: 5, retries: 3, defaultOverwrite: 'overwrite', preserveTimes },
  });
  const [id] = await queue.add([
    {
      direction: 'download',
      source: { location: 'site', path: join(scratch.root, 'remote.bin') },
      target: { location: 'local', path: join(scratch.root, 'local.bin') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  const item = queue.list().find((i) => i.id === id)!;
  return { item, calls, local: await readFile(join(scratch.root, 'local.bin')), fresh };
}

it("'overwrite' still overwrites a same-size target after a temporary failure (file held in memory)", async () => {
  const { item, calls, local, fresh } = await run(false, 1000);
  expect(item.state).toBe('done');
  expect(calls).toBe(2); // the retry must actually download
  expect(local.equals(fresh)).toBe(true);
});
