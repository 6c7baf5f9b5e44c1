/**
 * A retry after a temporary failure must still apply the policy the first attempt chose.
 * Here 'overwrite' downloads a file over a local file of the same size; the first attempt fails
 * with a temporary error before a byte arrives. The retry must replace the local file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { ScriptedFs } from './scripted-fs.js';

let root: string;
let queue: TransferQueue | null = null;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-queue-'));
});
afterEach(async () => {
  await queue?.close();
  queue = null;
  await rm(root, { recursive: true, force: true });
});

async function run(preserveTimes: boolean, size: number) {
  const fresh = Buffer.alloc(size, 0x4e); // 'N'
  const stale = Buffer.alloc(size, 0x4f); // 'O', same length
  await writeFile(join(root, 'remote.bin'), fresh);
  await writeFile(join(root, 'local.bin'), stale);
  let calls = 0;
  queue = await TransferQueue.open({
    journalDir: join(root, 'journal'),
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
      source: { location: 'site', path: join(root, 'remote.bin') },
      target: { location: 'local', path: join(root, 'local.bin') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  const item = queue.list().find((i) => i.id === id)!;
  return { item, calls, local: await readFile(join(root, 'local.bin')), fresh };
}

it("'overwrite' still overwrites a same-size target after a temporary failure (file held in memory)", async () => {
  const { item, calls, local, fresh } = await run(false, 1000);
  expect(item.state).toBe('done');
  expect(calls).toBe(2); // the retry must actually download
  expect(local.equals(fresh)).toBe(true);
});
