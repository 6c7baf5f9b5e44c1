/**
 * The queue on disk: an append-only file of JSON lines, one per state change, so persisting a
 * change costs one short write whatever the queue's length. Writes go out on the next tick
 * (a `kill -9` loses nothing the OS already has); fsync is batched to once per interval
 * (what a power cut could lose is at most that interval). When dead lines outnumber live items
 * the file is rewritten in the background and swapped in atomically with rename.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { JournalLock } from './journal-lock.js';
import type { QueueRecord } from './queue-record.js';
import type { QueueSettings } from './queue-settings.js';

export type JournalOp =
  | { op: 'put'; item: QueueRecord }
  | { op: 'set'; id: string; set: RecordPatch }
  | { op: 'del'; id: string }
  | { op: 'settings'; settings: QueueSettings };

/** A partial update; `null` removes an optional field such as `error` (JSON has no `undefined`). */
export type RecordPatch = { [K in keyof QueueRecord]?: QueueRecord[K] | null };

export interface JournalOptions {
  /** Told about torn or corrupt lines that were skipped. */
  warn?: (message: string) => void;
  fsyncIntervalMs?: number;
  /** Rewrite once the file has this many more lines than live items (and at least twice as many). */
  compactSlack?: number;
}

export interface LoadedJournal {
  journal: QueueJournal;
  items: Map<string, QueueRecord>;
  settings: QueueSettings | null;
}

const FILE = 'queue.jsonl';
const COMPACT_BATCH = 2000;
const WRITE_DELAY_MS = 10;
/** How soon a failed write (a full disk) is tried again. */
const RETRY_WRITE_MS = 1000;

export class QueueJournal {
  private buffer: string[] = [];
  private flushScheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private fsyncTimer: NodeJS.Timeout | null = null;
  /** Lines written since a compaction started, replayed onto the new file before the swap. */
  private mirror: string[] | null = null;
  private compacting: Promise<void> | null = null;
  private lines: number;
  private closed = false;
  /** The file's length after the last complete write: a failed one is cut back to it. */
  private size: number;
  /** Set while writes fail (a full disk): warned about once, retried until they succeed. */
  private failing = false;

  private constructor(
    private readonly dir: string,
    private readonly lock: JournalLock,
    private fd: FileHandle,
    lines: number,
    size: number,
    private readonly options: Required<JournalOptions>,
  ) {
    this.lines = lines;
    this.size = size;
  }

  /** Opens (creating) the journal in `dir` and replays it. */
  static async open(dir: string, options: JournalOptions = {}): Promise<LoadedJournal> {
    const full: Required<JournalOptions> = {
      warn: options.warn ?? (() => {}),
      fsyncIntervalMs: options.fsyncIntervalMs ?? 1000,
      compactSlack: options.compactSlack ?? 10_000,
    };
    await mkdir(dir, { recursive: true });
    const lock = await JournalLock.acquire(dir);
    try {
      const path = join(dir, FILE);
      const { items, settings, lines, damaged } = await replay(path, full.warn);
      const fd = await open(path, 'a');
      const journal = new QueueJournal(dir, lock, fd, lines, (await fd.stat()).size, full);
      // A torn tail must not glue itself to the next line we append: rewrite cleanly first.
      if (damaged || lines > items.size * 2 + full.compactSlack)
        await journal.compact(items.values(), settings);
      return { journal, items, settings };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  append(op: JournalOp): void {
    if (this.closed) return;
    const line = JSON.stringify(op) + '\n';
    this.buffer.push(line);
    this.mirror?.push(line);
    this.lines++;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // A short delay gathers the lines of many items into one write; a crash loses at most
      // this window, and the queue's recovery (begun items, .part files) covers that.
      setTimeout(() => void this.write(), WRITE_DELAY_MS);
    }
  }

  /** True when enough dead lines piled up that a rewrite pays for itself. */
  shouldCompact(liveItems: number): boolean {
    return !this.compacting && this.lines > Math.max(liveItems * 2, liveItems + this.options.compactSlack);
  }

  /**
   * Rewrites the file from the live state. Runs in batches so a 100,000-item queue never blocks
   * the event loop; changes made meanwhile go to the old file (still the durable one) and are
   * replayed onto the new one before the rename. Replaying is safe because every op is idempotent.
   */
  compact(records: Iterable<QueueRecord>, settings: QueueSettings | null): Promise<void> {
    if (this.compacting) return this.compacting;
    this.compacting = this.runCompaction(records, settings)
      .catch((error: unknown) => {
        // The old file is still the complete journal: nothing is lost, it just stays long.
        this.options.warn(`queue journal: compaction failed (${(error as Error).message})`);
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Everything appended so far is handed to the OS (it survives a crash of this process). */
  async written(): Promise<void> {
    await this.write();
  }

  /** Everything appended so far is written and fsynced. */
  async flush(): Promise<void> {
    await this.write();
    await this.sync();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.compacting;
      await this.flush();
    } finally {
      this.closed = true;
      if (this.fsyncTimer) clearTimeout(this.fsyncTimer);
      if (this.buffer.length > 0)
        this.options.warn(
          `queue journal: ${this.buffer.length} change(s) could not be written before closing`,
        );
      try {
        await this.fd.close();
      } finally {
        await this.lock.release();
      }
    }
  }

  private write(): Promise<void> {
    this.flushScheduled = false;
    if (this.buffer.length === 0) return this.writing;
    const lines = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(() => this.writeLines(lines));
    return this.writing;
  }

  /**
   * Appends whole lines or none. A write that fails (a full disk) or stops short is cut back to
   * the last whole line, and its lines wait for the next attempt: never a torn line that the next
   * append would glue itself to, and never a broken chain that stops every later write.
   */
  private async writeLines(lines: string[]): Promise<void> {
    const chunk = Buffer.from(lines.join(''));
    try {
      for (let done = 0; done < chunk.length;) {
        done += (await this.fd.write(chunk, done, chunk.length - done)).bytesWritten;
      }
      this.size += chunk.length;
      this.dirty = true;
      this.scheduleSync();
      if (this.failing) this.options.warn('queue journal: writing again');
      this.failing = false;
    } catch (error) {
      await this.fd.truncate(this.size).catch(() => undefined);
      this.buffer = [...lines, ...this.buffer];
      if (!this.failing)
        this.options.warn(
          `queue journal: cannot write (${(error as Error).message}); changes are kept in memory and written once possible`,
        );
      this.failing = true;
      if (!this.closed && !this.flushScheduled) {
        this.flushScheduled = true;
        setTimeout(() => void this.write(), RETRY_WRITE_MS).unref();
      }
    }
  }

  private scheduleSync(): void {
    if (this.fsyncTimer || this.closed) return;
    this.fsyncTimer = setTimeout(() => {
      this.fsyncTimer = null;
      void this.sync();
    }, this.options.fsyncIntervalMs);
    this.fsyncTimer.unref();
  }

  private sync(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    this.writing = this.writing.then(() =>
      this.fd.datasync().catch((error: unknown) => {
        this.options.warn(`queue journal: cannot sync (${(error as Error).message})`);
      }),
    );
    return this.writing;
  }

  private async runCompaction(records: Iterable<QueueRecord>, settings: QueueSettings | null): Promise<void> {
    const path = join(this.dir, FILE);
    const temp = `${path}.compact`;
    this.mirror = [];
    const out = await open(temp, 'w');
    let lines = 0;
    try {
      if (settings) {
        await out.write(JSON.stringify({ op: 'settings', settings } satisfies JournalOp) + '\n');
        lines++;
      }
      let batch: string[] = [];
      for (const item of records) {
        batch.push(JSON.stringify({ op: 'put', item } satisfies JournalOp) + '\n');
        if (batch.length >= COMPACT_BATCH) {
          lines += batch.length;
          await out.write(batch.join(''));
          batch = [];
        }
      }
      lines += batch.length;
      if (batch.length > 0) await out.write(batch.join(''));
    } catch (error) {
      this.mirror = null;
      await out.close();
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    // The swap runs inside the write chain: no write to the old file can slip in between the
    // replay of what was appended meanwhile and the rename, so nothing is lost either side.
    let failure: unknown = null;
    this.writing = this.writing.then(async () => {
      const replayed = this.mirror ?? [];
      this.mirror = null;
      // Lines still buffered were mirrored too: they go to the new file with the replay.
      const buffered = this.buffer;
      this.buffer = [];
      try {
        try {
          if (replayed.length > 0) await out.write(replayed.join(''));
          await out.datasync();
        } finally {
          await out.close();
        }
        await rename(temp, path);
      } catch (error) {
        // The old file stays, complete but for the lines only buffered: they are written to it.
        this.buffer = [...buffered, ...this.buffer];
        await rm(temp, { force: true }).catch(() => undefined);
        failure = error;
        return;
      }
      await this.fd.close();
      this.fd = await open(path, 'a');
      this.size = (await this.fd.stat()).size;
      this.lines = lines + replayed.length;
    });
    await this.writing;
    if (failure) throw failure;
  }
}

async function replay(
  path: string,
  warn: (message: string) => void,
): Promise<{
  items: Map<string, QueueRecord>;
  settings: QueueSettings | null;
  lines: number;
  damaged: boolean;
}> {
  const items = new Map<string, QueueRecord>();
  let settings: QueueSettings | null = null;
  let lines = 0;
  let damaged = false;
  try {
    await stat(path);
  } catch {
    return { items, settings, lines, damaged };
  }
  const reader = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let pendingBad: { line: number; text: string } | null = null;
  for await (const text of reader) {
    lines++;
    if (pendingBad) {
      warn(`queue journal: skipped a damaged line ${pendingBad.line}`);
      pendingBad = null;
    }
    if (text.length === 0) continue;
    let op: unknown;
    try {
      op = JSON.parse(text);
    } catch {
      op = null;
    }
    // Valid JSON of the wrong shape (a hand edit, another version, a damaged disk) is damaged too.
    if (!isJournalOp(op)) {
      damaged = true;
      pendingBad = { line: lines, text };
      continue;
    }
    apply(items, op, (s) => (settings = s));
  }
  if (pendingBad)
    warn(
      `queue journal: ignored a torn last line (${pendingBad.text.length} bytes), left by an interrupted write`,
    );
  return { items, settings, lines, damaged };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape `apply` relies on; the records themselves are checked when the queue loads them. */
function isJournalOp(value: unknown): value is JournalOp {
  if (!isObject(value)) return false;
  switch (value.op) {
    case 'put':
      return isObject(value.item) && typeof value.item.id === 'string';
    case 'set':
      return typeof value.id === 'string' && isObject(value.set);
    case 'del':
      return typeof value.id === 'string';
    case 'settings':
      return isObject(value.settings);
    default:
      return false;
  }
}

function apply(
  items: Map<string, QueueRecord>,
  op: JournalOp,
  setSettings: (s: QueueSettings) => void,
): void {
  switch (op.op) {
    case 'put':
      items.set(op.item.id, op.item);
      return;
    case 'set': {
      const item = items.get(op.id);
      if (item) applyPatch(item, op.set);
      return;
    }
    case 'del':
      items.delete(op.id);
      return;
    case 'settings':
      setSettings(op.settings);
      return;
  }
}

/** Fields that may be absent; a `null` in a patch removes them (for the others null is a value). */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set([
  'error',
  'verifiedBy',
  'parentId',
  'begun',
  'listed',
  'targetAbsent',
  'refused',
]);

/** Applies a patch in place. */
export function applyPatch(item: QueueRecord, patch: RecordPatch): void {
  const target = item as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if ((value === null || value === undefined) && OPTIONAL_FIELDS.has(key)) delete target[key];
    else if (value !== undefined) target[key] = value;
  }
}
