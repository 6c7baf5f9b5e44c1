/**
 * A download whose target name is taken by a local folder, with the 'resume' policy (e.g.
 * "Resume, apply to all" during a large download). The folder has a size in stat (4096 on
 * ext4), so 'resume' took it for a shorter partial file, renamed the user's folder to
 * `<name>.part` and then failed: the folder was gone from where the user keeps it. Now the
 * item fails with ALREADY_EXISTS and the folder stays.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

it("'resume' never renames a folder that stands where the file should go", async () => {
  await writeFile(join(scratch.root, 'report'), Buffer.alloc(600 * 1024, 1)); // the remote file
  await mkdir(join(scratch.root, 'local', 'report'), { recursive: true }); // a folder of the same name
  await writeFile(join(scratch.root, 'local', 'report', 'notes.txt'), 'my notes');
  const folderSize = (await stat(join(scratch.root, 'local', 'report'))).size;
  expect(folderSize).toBeGreaterThan(0);
  expect(folderSize).toBeLessThan(600 * 1024);

  const queue = await scratch.open({
    connect: () => Promise.resolve(new ScriptedFs({})),
    settings: { retryBaseMs: 1, retryCapMs: 5, retries: 1, defaultOverwrite: 'resume' },
  });
  const [id] = await queue.add([
    {
      direction: 'download',
      source: { location: 'site', path: join(scratch.root, 'report') },
      target: { location: 'local', path: join(scratch.root, 'local', 'report') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  const item = queue.list().find((i) => i.id === id)!;
  // Whatever happens to the item, the user's folder stays where it was, with its contents.
  expect({ state: item.state, local: (await readdir(join(scratch.root, 'local'))).sort() }).toEqual({
    state: item.state,
    local: ['report'],
  });
  expect(await readFile(join(scratch.root, 'local', 'report', 'notes.txt'), 'utf8')).toBe('my notes');
  expect(item).toMatchObject({ state: 'failed', error: { code: 'ALREADY_EXISTS', retryable: false } });
});
