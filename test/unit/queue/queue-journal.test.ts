import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueJournal } from '../../../src-main/queue/queue-journal.js';
import type { QueueRecord } from '../../../src-main/queue/queue-record.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../../src-main/queue/queue-settings.js';
import { queuedRecord } from './records.js';

const record = (id: string, order = 1) => queuedRecord(id, order);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('QueueJournal', () => {
  it('replays puts, patches and deletes', async () => {
    const { journal } = await QueueJournal.open(dir);
    journal.append({ op: 'put', item: record('a') });
    journal.append({ op: 'put', item: record('b') });
    journal.append({
      op: 'set',
      id: 'a',
      set: { state: 'failed', error: { code: 'PERMANENT', message: 'no', retryable: false } },
    });
    journal.append({ op: 'set', id: 'a', set: { state: 'queued', error: null } });
    journal.append({ op: 'del', id: 'b' });
    journal.append({ op: 'settings', settings: { ...DEFAULT_QUEUE_SETTINGS, retries: 7 } });
    await journal.close();

    const loaded = await QueueJournal.open(dir);
    expect([...loaded.items.keys()]).toEqual(['a']);
    expect(loaded.items.get('a')?.state).toBe('queued');
    expect(loaded.items.get('a')).not.toHaveProperty('error');
    expect(loaded.settings?.retries).toBe(7);
    await loaded.journal.close();
  });

  it('ignores a torn last line with a warning and keeps appending cleanly after it', async () => {
    const { journal } = await QueueJournal.open(dir);
    journal.append({ op: 'put', item: record('a') });
    await journal.close();
    await appendFile(join(dir, 'queue.jsonl'), '{"op":"put","item":{"id":"tor');

    const warnings: string[] = [];
    const loaded = await QueueJournal.open(dir, { warn: (m) => warnings.push(m) });
    expect([...loaded.items.keys()]).toEqual(['a']);
    expect(warnings.join('\n')).toMatch(/torn last line/);
    loaded.journal.append({ op: 'put', item: record('b') });
    await loaded.journal.close();

    const again = await QueueJournal.open(dir, { warn: (m) => warnings.push(m) });
    expect([...again.items.keys()].sort()).toEqual(['a', 'b']);
    expect(warnings).toHaveLength(1);
    await again.journal.close();
  });

  it('skips a damaged line in the middle and keeps the rest', async () => {
    const lines = [
      JSON.stringify({ op: 'put', item: record('a') }),
      '{garbage',
      JSON.stringify({ op: 'put', item: record('b') }),
    ];
    await writeFile(join(dir, 'queue.jsonl'), lines.join('\n') + '\n');
    const warnings: string[] = [];
    const loaded = await QueueJournal.open(dir, { warn: (m) => warnings.push(m) });
    expect([...loaded.items.keys()]).toEqual(['a', 'b']);
    expect(warnings.join('\n')).toMatch(/damaged line 2/);
    await loaded.journal.close();
  });

  it('compaction rewrites only live items and keeps changes made while it runs', async () => {
    const { journal } = await QueueJournal.open(dir, { compactSlack: 10 });
    const items = new Map<string, QueueRecord>();
    for (let i = 0; i < 5000; i++) {
      const item = record(`i${i}`, i);
      items.set(item.id, item);
      journal.append({ op: 'put', item });
    }
    for (let i = 0; i < 4000; i++) {
      journal.append({ op: 'del', id: `i${i}` });
      items.delete(`i${i}`);
    }
    expect(journal.shouldCompact(items.size)).toBe(true);
    const compaction = journal.compact(items.values(), null);
    // A change that lands while the rewrite is under way must survive the swap.
    journal.append({ op: 'set', id: 'i4999', set: { state: 'done' } });
    await compaction;
    journal.append({ op: 'set', id: 'i4998', set: { state: 'failed' } });
    await journal.close();

    const text = await readFile(join(dir, 'queue.jsonl'), 'utf8');
    expect(text.trimEnd().split('\n').length).toBeLessThan(1100);
    const loaded = await QueueJournal.open(dir);
    expect(loaded.items.size).toBe(1000);
    expect(loaded.items.get('i4999')?.state).toBe('done');
    expect(loaded.items.get('i4998')?.state).toBe('failed');
    expect(loaded.items.has('i0')).toBe(false);
    await loaded.journal.close();
  });

  it('loses nothing appended at any moment of a compaction', async () => {
    const { journal } = await QueueJournal.open(dir);
    const items = new Map<string, QueueRecord>();
    for (let i = 0; i < 20_000; i++) {
      const item = record(`i${i}`, i);
      items.set(item.id, item);
      journal.append({ op: 'put', item });
    }
    await journal.written();
    let compacted = false;
    const compaction = journal.compact(items.values(), null).then(() => (compacted = true));
    let n = 0;
    // Keep appending (and letting the timed writes run) until well after the swap.
    while (!compacted || n < 50) {
      journal.append({ op: 'set', id: `i${n}`, set: { transferred: n + 1 } });
      n++;
      await new Promise((r) => setTimeout(r, 1));
    }
    await compaction;
    await journal.close();
    const loaded = await QueueJournal.open(dir);
    for (let i = 0; i < n; i++) expect(loaded.items.get(`i${i}`)?.transferred).toBe(i + 1);
    expect(loaded.items.size).toBe(20_000);
    await loaded.journal.close();
  });
});
