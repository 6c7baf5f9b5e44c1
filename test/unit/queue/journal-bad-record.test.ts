/**
 * A journal line that parses as JSON but is not a journal op (null, a number, a `set` without
 * its patch, a `put` without its item) made the whole queue fail to open (the app's createApp
 * and every `ferry get -r` of that command failed at start). It is now skipped like any damaged
 * line, with a warning, and every other item is kept.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { QueueJournal } from '../../../src-main/queue/queue-journal.js';
import { queuedRecord } from './records.js';

const record = (id: string, order: number) => queuedRecord(id, order);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BAD_LINES = ['null', '{"op":"set","id":"a","set":null}', '{"op":"put","item":null}', '{"op":"put"}'];

for (const bad of BAD_LINES) {
  it(`skips the line ${bad} and keeps the other items`, async () => {
    const lines = [
      JSON.stringify({ op: 'put', item: record('a', 1) }),
      bad,
      JSON.stringify({ op: 'put', item: record('b', 2) }),
    ];
    await writeFile(join(dir, 'queue.jsonl'), lines.join('\n') + '\n');
    const warnings: string[] = [];
    const loaded = await QueueJournal.open(dir, { warn: (m) => warnings.push(m) });
    expect([...loaded.items.keys()].sort()).toEqual(['a', 'b']);
    await loaded.journal.close();
  });
}

it('the transfer queue opens over a journal holding such a line', async () => {
  const journalDir = join(dir, 'queue');
  await mkdir(journalDir);
  await writeFile(
    join(journalDir, 'queue.jsonl'),
    [JSON.stringify({ op: 'put', item: record('a', 1) }), 'null', ''].join('\n'),
  );
  const queue = await TransferQueue.open({
    journalDir,
    connect: () => Promise.reject(new Error('not used')),
  });
  expect(queue.list().map((i) => i.id)).toEqual(['a']);
  await queue.close();
});
