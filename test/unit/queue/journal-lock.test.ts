/**
 * One process per queue journal (journal-lock.ts): a lock held by a running process is refused
 * with its process id; one left by a process that died is taken over; a lock is only ever
 * removed by its owner.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { JournalLock } from '../../../src-main/queue/journal-lock.js';
import { QueueJournal } from '../../../src-main/queue/queue-journal.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

it('refuses a journal whose lock a running process holds, naming it, and leaves its lock', async () => {
  // The test runner's parent process is alive and is not this one.
  await writeFile(join(scratch.root, 'queue.lock'), `${process.ppid}\n`);
  await expect(QueueJournal.open(scratch.root)).rejects.toMatchObject({
    code: 'IN_USE',
    message: `Another Ferry process (${process.ppid}) is running this transfer queue.`,
    retryable: false,
  });
  expect(await readFile(join(scratch.root, 'queue.lock'), 'utf8')).toBe(`${process.ppid}\n`);
  expect((await readdir(scratch.root)).sort()).toEqual(['queue.lock']);
});

it('takes over the lock of a process that died, and gives it up on close', async () => {
  await writeFile(join(scratch.root, 'queue.lock'), `${deadPid()}\n`);
  const { journal } = await QueueJournal.open(scratch.root);
  expect(await readFile(join(scratch.root, 'queue.lock'), 'utf8')).toBe(`${process.pid}\n`);
  await journal.close();
  expect(await readdir(scratch.root)).toEqual(['queue.jsonl']);
});

it('takes over a lock that names no process (a damaged file)', async () => {
  await writeFile(join(scratch.root, 'queue.lock'), 'garbage');
  const lock = await JournalLock.acquire(scratch.root);
  expect(await readFile(join(scratch.root, 'queue.lock'), 'utf8')).toBe(`${process.pid}\n`);
  await lock.release();
});

it('closing leaves a lock that another process has taken over meanwhile', async () => {
  const { journal } = await QueueJournal.open(scratch.root);
  // As if another process (here the parent) had taken it over.
  await writeFile(join(scratch.root, 'queue.lock'), `${process.ppid}\n`);
  await journal.close();
  expect(await readFile(join(scratch.root, 'queue.lock'), 'utf8')).toBe(`${process.ppid}\n`);
});
