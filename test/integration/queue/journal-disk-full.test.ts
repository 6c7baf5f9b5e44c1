/**
 * The journal on a disk that fills up for a while (the config folder usually shares its disk
 * with the downloads). A write cut short left half a line that swallowed the next append, and
 * a failed append was an unhandled rejection that also stopped the journal for good. Now a
 * failed write is cut back to the last whole line and retried until there is room. Uses a
 * 64 KiB tmpfs; needs root and permission to mount it, skipped elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueueJournal } from '../../../src-main/queue/queue-journal.js';
import { queuedRecord } from '../../unit/queue/records.js';

// Long paths, so a few lines fill the small disk.
const record = (id: string, order: number) => queuedRecord(id, order, `/${id}/${'x'.repeat(300)}`);

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const work = mkdtempSync(join(tmpdir(), 'ferry-journal-full-'));
const disk = join(work, 'disk');
mkdirSync(disk);
const mounted = tryMount(disk);

afterAll(() => {
  if (mounted)
    // Lazy: a journal whose close() failed still holds its file open (part of what the test shows).
    execFileSync('umount', ['-l', disk], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
});

async function reopenIds(): Promise<string[]> {
  const loaded = await QueueJournal.open(disk);
  const ids = [...loaded.items.keys()];
  await loaded.journal.close();
  return ids;
}

async function fillDisk(): Promise<string> {
  const filler = join(disk, 'filler');
  await writeFile(filler, Buffer.alloc(256 * 1024, 1)).catch(() => undefined);
  return filler;
}

const tick = () => new Promise((r) => setTimeout(r, 60));

describe.skipIf(!mounted)('queue journal on a disk that is full for a while', () => {
  it('a write cut short by the full disk does not swallow the line written once there is room', async () => {
    await rm(join(disk, 'queue.jsonl'), { force: true });
    const { journal } = await QueueJournal.open(disk);
    journal.append({ op: 'put', item: record('a', 1) });
    await journal.flush();
    const filler = await fillDisk();
    // One batch of changes while the disk is full: more than the file's last page holds.
    for (let i = 0; i < 30; i++) journal.append({ op: 'put', item: record(`full${i}`, 10 + i) });
    await tick();
    // Room again; the queue goes on.
    await rm(filler);
    journal.append({ op: 'put', item: record('later', 100) });
    await journal.close();
    const ids = await reopenIds();
    expect(ids).toContain('a');
    expect(ids).toContain('later');
  });

  it('an append refused with ENOSPC is not an unhandled rejection and does not stop the journal for good', async () => {
    await rm(join(disk, 'queue.jsonl'), { force: true });
    const unhandled: string[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(String(reason));
    process.on('unhandledRejection', onUnhandled);
    try {
      const { journal } = await QueueJournal.open(disk);
      journal.append({ op: 'put', item: record('a', 1) });
      await journal.flush();
      const filler = await fillDisk();
      // Two batches while full: the first fills the file's last page, the second gets ENOSPC.
      for (let i = 0; i < 30; i++) journal.append({ op: 'put', item: record(`full${i}`, 10 + i) });
      await tick();
      journal.append({ op: 'put', item: record('refused', 50) });
      await tick();
      await rm(filler);
      journal.append({ op: 'put', item: record('later', 100) });
      await tick();
      let closeError: string | null = null;
      await journal.close().catch((error: unknown) => (closeError = String(error)));
      expect({ unhandled, closeError }).toEqual({ unhandled: [], closeError: null });
      expect(await reopenIds()).toContain('later');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
