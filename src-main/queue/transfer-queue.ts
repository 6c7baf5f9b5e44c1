/**
 * The transfer queue: a plain Node object, independent of any window, that the service and
 * the CLI drive alike. Every state change goes through `update`, which keeps the counters,
 * the journal and the pending UI events in step in O(1), whatever the queue's length.
 */
import { EventEmitter } from 'node:events';
import { FerryError, toErrorData, type FerryErrorData } from '../../src-shared/errors.js';
import type { FerryEvent } from '../../src-shared/events.js';
import type {
  FileEntry,
  OverwritePolicy,
  QueueSummary,
  TransferItem,
  TransferProgress,
  TransferState,
} from '../../src-shared/model.js';
import { ConnectionPool, type Connect, type Lease } from '../fs/connection-pool.js';
import { LocalFileSystem } from '../fs/local-file-system.js';
import { refusingPrompter, type Prompter } from '../core/prompter.js';
import { backoffDelay } from './backoff.js';
import { LOCAL, pathOps } from './endpoint-path.js';
import {
  discardPartial,
  transferFile,
  writesPartFile,
  type FileOutcome,
  type TransferMeter,
} from './file-transfer.js';
import { enumerateFolder, type ChildSpec } from './folder-enumeration.js';
import { FxpRoutes } from './fxp-copy.js';
import { BATCH, nextTurn } from './next-turn.js';
import { QueueJournal, applyPatch, type JournalOptions, type RecordPatch } from './queue-journal.js';
import { toTransferItem, type QueueRecord } from './queue-record.js';
import type { QueueRequest } from './queue-request.js';
import { DEFAULT_QUEUE_SETTINGS, clampSettings, type QueueSettings } from './queue-settings.js';
import { ReadyQueue } from './ready-queue.js';
import { TokenBucket } from './token-bucket.js';

export type QueueEvent = Extract<FerryEvent, { type: 'queue-items' | 'queue-progress' }>;
export type QueueEventType = QueueEvent['type'];

export interface TransferQueueOptions {
  /** Folder of the journal; created when missing. */
  journalDir: string;
  /** Opens a logged-in connection to a remote location; 'local' is served by the queue itself. */
  connect: Connect;
  /** Answers overwrite questions; without one every question is refused (the item is skipped). */
  prompter?: Prompter;
  /** Override the defaults and whatever the journal remembered. */
  settings?: Partial<QueueSettings>;
  /** Told about recoverable oddities (a torn journal line). */
  warn?: (message: string) => void;
  /** How often progress is sent (at most 10 per second per item by default). */
  progressIntervalMs?: number;
  /**
   * A location's own connection cap (a saved site's "Max connections"), read at each check so
   * an edited site applies at once; the lower of it and `maxConnectionsPerSite` is used.
   */
  limitFor?: (location: string) => number | undefined;
  journal?: JournalOptions;
}

interface Run {
  item: QueueRecord;
  controller: AbortController;
  meter: TransferMeter;
  /** Why the run was interrupted on purpose; null while it runs on its own. */
  stop: StopReason | null;
  lastTransferred: number;
  lastTime: number;
  /** When this run's progress was last reported (a stalled run is reported now and then). */
  lastReported: number;
  speed: number;
  lastCheckpoint: number;
  settled: Promise<void>;
  /** The source connection went back to the pool before the item finished (downloads). */
  sourceReleased: boolean;
  /** This attempt opened the target for writing (`begun` is not recorded once the item is removed). */
  touched: boolean;
}

type DirOutcome = { kind: 'dir-done' };

type StopReason = 'halt' | 'pause' | 'cancel' | 'remove';
/**
 * A later command given while a run winds down replaces a weaker reason: "cancel" during
 * "pause all" must still cancel, and a removed item must not come back as paused.
 */
const STOP_STRENGTH: Record<StopReason, number> = { halt: 0, pause: 1, cancel: 2, remove: 3 };

const STATES: TransferState[] = ['queued', 'active', 'paused', 'verifying', 'done', 'failed', 'skipped'];
/** Offsets of running items are journaled at most this often: a crash re-sends at most this much. */
const CHECKPOINT_MS = 3000;
/**
 * A run whose bytes stopped moving is still reported this often, so views see its speed fall
 * and its ETA go, instead of the last figures before the stall staying up for ever.
 */
const STALLED_REPORT_MS = 1000;
/** Runs allowed beyond the connection limit while they finish locally (see `pump`). */
const FINISHING_SLACK = 16;
const CANCELLED: FerryErrorData = { code: 'CANCELLED', message: 'Cancelled.', retryable: false };

export class TransferQueue {
  /** Resolves once the journal is replayed; every mutating method waits for it. */
  readonly ready: Promise<void>;

  private readonly items = new Map<string, QueueRecord>();
  private journal: QueueJournal | null = null;
  private readonly readyQueue = new ReadyQueue(
    (item) => item.state === 'queued' && !this.waiting.has(item.id),
  );
  /** Items sleeping before a retry. */
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly runs = new Map<string, Run>();
  /** Running items per remote location. */
  private readonly busy = new Map<string, number>();
  private readonly pool: ConnectionPool;
  private readonly localFs = new LocalFileSystem();
  private readonly prompter: Prompter;
  private current: QueueSettings;
  private running = false;
  private closed = false;
  private readonly counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<TransferState, number>;
  private bytesTotal = 0;
  private bytesDone = 0;
  private nextOrder = 1;
  private minOrder = 0;
  private idCounter = 0;
  private readonly idPrefix = Date.now().toString(36);
  private readonly upserts = new Map<string, QueueRecord>();
  private removed: string[] = [];
  private summaryDirty = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly progressIntervalMs: number;
  private idleWaiters: Array<() => void> = [];
  private askChain: Promise<unknown> = Promise.resolve();
  private askAll: OverwritePolicy | 'cancel' | null = null;
  private readonly buckets: { down: TokenBucket; up: TokenBucket };
  private readonly emitter = new EventEmitter();
  /** Site pairs that refused server-to-server copies, for the queue's life. */
  private readonly fxpRoutes = new FxpRoutes();
  /** One function for all items, so the disk writer's batches wait for one journal write each. */
  private readonly journaled = (): Promise<void> => this.journal?.written() ?? Promise.resolve();

  constructor(private readonly options: TransferQueueOptions) {
    this.current = clampSettings({ ...DEFAULT_QUEUE_SETTINGS, ...options.settings });
    this.prompter = options.prompter ?? refusingPrompter;
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
    const remote = options.connect;
    this.pool = new ConnectionPool({
      connect: (location) => (location === LOCAL ? Promise.resolve(new LocalFileSystem()) : remote(location)),
      limit: this.current.maxConnectionsPerSite,
      // The local disk needs no login; the global limit is what bounds it.
      limits: { [LOCAL]: 1000 },
      capFor: (location) => (location === LOCAL ? undefined : options.limitFor?.(location)),
    });
    this.buckets = {
      down: new TokenBucket(this.current.downloadLimit),
      up: new TokenBucket(this.current.uploadLimit),
    };
    this.ready = this.load();
  }

  /** Creates a queue and waits for its journal to be replayed. */
  static async open(options: TransferQueueOptions): Promise<TransferQueue> {
    const queue = new TransferQueue(options);
    await queue.ready;
    return queue;
  }

  // ---------- commands ----------

  async add(requests: QueueRequest[]): Promise<string[]> {
    await this.ready;
    const ids: string[] = [];
    for (let start = 0; start < requests.length; start += BATCH) {
      // The journal also writes each batch out instead of holding the whole queue as one string.
      if (start > 0) await nextTurn();
      const end = Math.min(requests.length, start + BATCH);
      for (let i = start; i < end; i++) ids.push(this.addOne(requests[i]!));
    }
    this.pump();
    return ids;
  }

  async start(): Promise<void> {
    await this.ready;
    this.running = true;
    this.summaryDirty = true;
    this.scheduleTick();
    this.pump();
  }

  /** Without ids: stop the whole queue (running items go back to queued, keeping their partial files). */
  async pause(ids?: string[]): Promise<void> {
    await this.ready;
    if (!ids) {
      this.running = false;
      this.summaryDirty = true;
      this.scheduleTick();
      for (const run of this.runs.values()) this.interrupt(run, 'halt');
      return;
    }
    for (const item of this.pick(ids)) {
      const run = this.runs.get(item.id);
      if (run) this.interrupt(run, 'pause');
      else if (item.state === 'queued') {
        this.clearWaiting(item.id);
        this.update(item, { state: 'paused' });
      }
    }
    this.checkIdle();
  }

  /** Without ids: run the queue again, including items paused one by one. */
  async resume(ids?: string[]): Promise<void> {
    await this.ready;
    if (!ids) this.running = true;
    const targets = ids ? this.pick(ids) : this.items.values();
    for (const item of targets) {
      if (item.state === 'paused') this.requeue(item, {});
      // Still winding down from a pause: it goes back to the queue instead when it has stopped.
      const run = this.runs.get(item.id);
      if (run?.stop === 'pause') run.stop = 'halt';
    }
    this.summaryDirty = true;
    this.scheduleTick();
    this.pump();
  }

  async cancel(ids: string[]): Promise<void> {
    await this.ready;
    for (const item of this.pick(ids)) {
      const run = this.runs.get(item.id);
      if (run) this.interrupt(run, 'cancel');
      else if (item.state === 'queued' || item.state === 'paused') {
        this.clearWaiting(item.id);
        this.update(item, { state: 'failed', error: CANCELLED });
      }
    }
    this.checkIdle();
  }

  /** Failed items (all of them without ids) go back to the queue with a fresh attempt count. */
  async retry(ids?: string[]): Promise<void> {
    await this.ready;
    const targets = ids ? this.pick(ids) : [...this.items.values()];
    for (const item of targets) {
      // A refused name never runs: its paths only say where it was listed.
      if (item.state === 'failed' && item.refused === undefined)
        this.requeue(item, { attempts: 0, error: null });
      // Still winding down from a cancel: it goes back to the queue instead when it has stopped.
      const run = this.runs.get(item.id);
      if (run?.stop === 'cancel') {
        run.stop = 'halt';
        this.update(item, { attempts: 0 });
      }
    }
    this.pump();
  }

  /**
   * Running items stop and drop their .part once they have wound down; a paused or failed
   * item's .part goes at once (a cancelled item keeps its own until then, for a retry).
   */
  async remove(ids: string[]): Promise<void> {
    await this.ready;
    const discards: Array<Promise<void>> = [];
    for (const item of this.pick(ids)) {
      const run = this.runs.get(item.id);
      if (run) this.interrupt(run, 'remove');
      else if (item.begun && writesPartFile(item)) discards.push(discardPartial(item, this.localFs));
      this.deleteRecord(item);
    }
    this.checkIdle();
    await Promise.all(discards);
  }

  async clearFinished(): Promise<void> {
    await this.ready;
    for (const item of [...this.items.values()]) {
      if (item.state === 'done' || item.state === 'skipped') this.deleteRecord(item);
    }
  }

  /** 5 is the highest priority, 1 the lowest; 3 is where items start. */
  async setPriority(ids: string[], priority: TransferItem['priority']): Promise<void> {
    await this.ready;
    for (const item of this.pick(ids)) {
      if (item.priority === priority) continue;
      this.update(item, { priority });
    }
    this.pump();
  }

  async move(ids: string[], where: 'top' | 'up' | 'down' | 'bottom'): Promise<void> {
    await this.ready;
    const selected = this.pick(ids).sort((a, b) => a.order - b.order);
    if (where === 'top') {
      for (const item of selected.reverse()) this.update(item, { order: --this.minOrder });
    } else if (where === 'bottom') {
      for (const item of selected) this.update(item, { order: this.nextOrder++ });
    } else {
      this.moveByOne(where === 'up' ? selected : selected.reverse(), where);
    }
    this.pump();
  }

  /** Reads (and with a patch, changes) the settings; limits apply to running transfers at once. */
  async settings(patch?: Partial<QueueSettings>): Promise<QueueSettings> {
    await this.ready;
    if (patch) {
      this.current = clampSettings({ ...this.current, ...patch });
      this.journal?.append({ op: 'settings', settings: this.current });
      this.pool.setLimit(this.current.maxConnectionsPerSite);
      this.buckets.down.setRate(this.current.downloadLimit);
      this.buckets.up.setRate(this.current.uploadLimit);
      this.pump();
    }
    return { ...this.current };
  }

  // ---------- views ----------

  list(): TransferItem[] {
    const out: TransferItem[] = [];
    for (const item of this.items.values()) out.push(toTransferItem(item));
    return out;
  }

  get(id: string): TransferItem | null {
    const item = this.items.get(id);
    return item ? toTransferItem(item) : null;
  }

  summary(): QueueSummary {
    let bytesPerSecond = 0;
    for (const run of this.runs.values()) if (run.stop !== 'remove') bytesPerSecond += run.speed;
    return {
      counts: { ...this.counts },
      bytesTotal: this.bytesTotal,
      bytesDone: this.bytesDone,
      bytesPerSecond: Math.round(bytesPerSecond),
      running: this.running,
    };
  }

  /** The connection limit in force for a location (its own cap, lowered after a 421). */
  connectionLimit(location: string): number {
    return this.pool.limitFor(location);
  }

  /** Resolves when nothing is queued or running (paused and finished items may remain). */
  async whenIdle(): Promise<void> {
    await this.ready;
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  on<T extends QueueEventType>(
    type: T,
    listener: (event: Extract<QueueEvent, { type: T }>) => void,
  ): () => void {
    this.emitter.on(type, listener);
    return () => this.emitter.off(type, listener);
  }

  /** Stops running transfers (they stay queued with their partial files), writes the journal, logs out. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.ready.catch(() => {});
    this.running = false;
    for (const run of this.runs.values()) this.interrupt(run, 'halt');
    await Promise.all([...this.runs.values()].map((run) => run.settled));
    this.closed = true;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.tick();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.journal?.close();
    await this.pool.close();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Waits until every change made so far is in the journal file: handed to the OS, and with
   * `sync`, fsynced too (otherwise fsync is batched once per second).
   */
  async flushJournal(sync = true): Promise<void> {
    await this.ready;
    if (sync) await this.journal?.flush();
    else await this.journal?.written();
  }

  // ---------- loading ----------

  private async load(): Promise<void> {
    const loaded = await QueueJournal.open(this.options.journalDir, {
      ...this.options.journal,
      warn: this.options.warn ?? this.options.journal?.warn ?? (() => {}),
    });
    this.journal = loaded.journal;
    if (loaded.settings) {
      this.current = clampSettings({
        ...DEFAULT_QUEUE_SETTINGS,
        ...loaded.settings,
        ...this.options.settings,
      });
      this.pool.setLimit(this.current.maxConnectionsPerSite);
      this.buckets.down.setRate(this.current.downloadLimit);
      this.buckets.up.setRate(this.current.uploadLimit);
    }
    const queued: QueueRecord[] = [];
    for (const item of loaded.items.values()) {
      this.items.set(item.id, item);
      if (item.state === 'active' || item.state === 'verifying') {
        // Interrupted by a crash: back to the queue; `begun` makes it continue its partial file.
        this.journal.append({ op: 'set', id: item.id, set: { state: 'queued' } });
        item.state = 'queued';
      }
      this.account(item);
      if (item.state === 'queued') queued.push(item);
      if (item.order >= this.nextOrder) this.nextOrder = item.order + 1;
      if (item.order < this.minOrder) this.minOrder = item.order;
    }
    queued.sort((a, b) => a.order - b.order);
    for (const item of queued) this.readyQueue.insert(item);
    if (this.items.size > 0) {
      this.upserts.clear();
      this.summaryDirty = true;
      this.scheduleTick();
    }
  }

  // ---------- scheduling ----------

  private pump(): void {
    if (!this.running || this.closed) return;
    // The global limit counts connections in use: a download that handed its connection back
    // and is only finishing on the local disk must not keep the next file waiting. Such
    // finishing runs are bounded too (each may hold a small file in memory).
    const total = this.current.maxConnectionsTotal;
    while (this.runs.size < total + FINISHING_SLACK) {
      const inUse = this.connectionsInUse();
      if (inUse >= total) break;
      const item = this.readyQueue.peek((source, target) => this.hasCapacity(source, target, inUse));
      if (!item) break;
      this.launch(item);
    }
    this.checkIdle();
  }

  private connectionsInUse(): number {
    let inUse = 0;
    for (const count of this.busy.values()) inUse += count;
    return inUse;
  }

  /**
   * Whether an item of this route may start: it holds a connection at each remote end at once
   * (a copy holds two), and every one of them must fit under the limits. A limit of one still
   * lets a copy run alone (see ConnectionPool.acquire's `holding`), or it could never run.
   */
  private hasCapacity(source: string, target: string, inUse: number): boolean {
    const ends = [source, target].filter((location) => location !== LOCAL);
    if (inUse + ends.length > Math.max(ends.length, this.current.maxConnectionsTotal)) return false;
    for (const location of new Set(ends)) {
      const need = ends.filter((end) => end === location).length;
      const limit = Math.max(need, this.connectionLimit(location));
      if ((this.busy.get(location) ?? 0) + need > limit) return false;
    }
    return true;
  }

  private remoteEnds(item: QueueRecord): string[] {
    const ends: string[] = [];
    if (item.source.location !== LOCAL) ends.push(item.source.location);
    if (item.target.location !== LOCAL) ends.push(item.target.location);
    return ends;
  }

  private launch(item: QueueRecord): void {
    const now = performance.now();
    const run: Run = {
      item,
      controller: new AbortController(),
      meter: { offset: 0, tap: null },
      stop: null,
      lastTransferred: item.transferred,
      lastTime: now,
      lastReported: now,
      speed: 0,
      lastCheckpoint: now,
      settled: Promise.resolve(),
      sourceReleased: false,
      touched: false,
    };
    this.runs.set(item.id, run);
    for (const location of this.remoteEnds(item)) this.busy.set(location, (this.busy.get(location) ?? 0) + 1);
    // Not journaled: after a crash an active item is queued again anyway, and the attempt count
    // is written with the item's next journaled change (its start, or how it ended).
    this.update(item, { state: 'active', attempts: item.attempts + 1 }, false);
    run.settled = this.execute(item, run).then(
      (outcome) => this.settle(run, outcome, null),
      (error: unknown) => this.settle(run, null, error),
    );
    this.scheduleTick();
  }

  private async execute(item: QueueRecord, run: Run): Promise<FileOutcome | DirOutcome> {
    const signal = run.controller.signal;
    const leases: Lease[] = [];
    try {
      const source = await this.pool.acquire(item.source.location, signal);
      leases.push(source);
      const target = await this.pool.acquire(
        item.target.location,
        signal,
        item.target.location === item.source.location,
      );
      leases.push(target);
      if (!item.isDir) {
        try {
          const outcome = await transferFile({
            item,
            source: source.fs,
            target: target.fs,
            signal,
            settings: this.current,
            bucket: this.bucketFor(item),
            meter: run.meter,
            fxpRoutes: this.fxpRoutes,
            ask: (src, tgt) => untilAborted(this.ask(item, src, tgt), signal),
            begin: (offset, size, modified, targetPath, answered) => {
              const patch: RecordPatch = {
                transferred: offset,
                size,
                modified,
                attempts: item.attempts,
              };
              if (answered) patch.overwrite = answered;
              if (targetPath !== item.target.path)
                patch.target = { location: item.target.location, path: targetPath };
              this.update(item, patch);
              run.lastTransferred = offset;
            },
            touched: () => {
              run.touched = true;
              if (!item.begun) this.update(item, { begun: true });
            },
            journaled: this.journaled,
            verifying: () => this.update(item, { state: 'verifying' }, false),
            remoteDone: () => this.releaseSourceEarly(run, source),
          });
          if (outcome.kind !== 'is-dir') return outcome;
        } catch (error) {
          if (error instanceof FerryError && error.code === 'VERIFY_FAILED') {
            await discardPartial(item, target.fs);
            this.update(item, { begun: null, transferred: 0 });
            run.meter.tap = null;
          } else if (run.stop === 'remove' && (run.touched || item.begun) && writesPartFile(item)) {
            // Nothing will ever resume or finish a removed item's .part.
            await discardPartial(item, target.fs);
          }
          throw error;
        }
        this.update(item, { isDir: true, size: null });
      }
      if (signal.aborted) throw new FerryError('CANCELLED', 'Stopped.');
      const recovered = item.begun === true;
      if (!recovered) this.update(item, { begun: true });
      for (const location of this.remoteEnds(item))
        this.pool.prewarm(location, this.connectionLimit(location));
      const { children, identity } = await enumerateFolder(
        item,
        source.fs,
        target.fs,
        this.identitiesAbove(item),
      );
      if (identity !== undefined) this.update(item, { sourceUnique: identity });
      if (signal.aborted) throw new FerryError('CANCELLED', 'Stopped.');
      await this.addChildren(item, children, recovered);
      return { kind: 'dir-done' };
    } finally {
      for (const lease of leases) lease.release(!lease.fs.connected);
    }
  }

  /** Frees the source connection and its slot while the item finishes locally. */
  private releaseSourceEarly(run: Run, lease: Lease): void {
    if (run.sourceReleased) return;
    run.sourceReleased = true;
    lease.release(!lease.fs.connected);
    const location = run.item.source.location;
    if (location !== LOCAL) this.busy.set(location, (this.busy.get(location) ?? 1) - 1);
    this.pump();
  }

  private settle(run: Run, outcome: FileOutcome | DirOutcome | null, error: unknown): void {
    const item = run.item;
    this.runs.delete(item.id);
    for (const location of this.remoteEnds(item)) {
      if (run.sourceReleased && location === item.source.location) continue;
      this.busy.set(location, (this.busy.get(location) ?? 1) - 1);
    }
    if (run.stop === 'remove' || !this.items.has(item.id)) {
      this.pump();
      return;
    }
    const live = run.meter.tap ? run.meter.offset + run.meter.tap.bytes : item.transferred;
    if (outcome) {
      switch (outcome.kind) {
        case 'done':
          this.update(item, {
            state: 'done',
            size: outcome.size,
            transferred: outcome.size,
            verifiedBy: outcome.verifiedBy,
            begun: null,
            error: null,
          });
          break;
        case 'dir-done':
          this.update(item, { state: 'done', begun: null, error: null });
          break;
        case 'skipped':
          this.update(item, {
            state: 'skipped',
            begun: null,
            error: { code: 'ALREADY_EXISTS', message: outcome.reason, retryable: false },
          });
          break;
        case 'cancelled-by-answer':
        case 'is-dir':
          this.update(item, { state: 'failed', error: CANCELLED });
          break;
      }
    } else if (run.stop === 'pause') {
      this.update(item, { state: 'paused', attempts: Math.max(0, item.attempts - 1), transferred: live });
    } else if (run.stop === 'halt') {
      this.requeue(item, { attempts: Math.max(0, item.attempts - 1), transferred: live });
    } else if (run.stop === 'cancel') {
      this.update(item, { state: 'failed', error: CANCELLED, transferred: live, attempts: item.attempts });
    } else {
      const data = toErrorData(error);
      const attempts = item.attempts;
      if (data.retryable && attempts <= this.current.retries) {
        this.update(item, { state: 'queued', error: data, transferred: live, attempts });
        this.scheduleRetry(item);
      } else {
        this.update(item, { state: 'failed', error: data, transferred: live, attempts });
      }
    }
    if (this.journal?.shouldCompact(this.items.size))
      void this.journal.compact(this.items.values(), this.current);
    this.pump();
  }

  private scheduleRetry(item: QueueRecord): void {
    const delay = backoffDelay(item.attempts, this.current.retryBaseMs, this.current.retryCapMs);
    const timer = setTimeout(() => {
      this.waiting.delete(item.id);
      if (item.state !== 'queued' || !this.items.has(item.id)) return;
      this.readyQueue.insert(item);
      this.pump();
    }, delay);
    this.waiting.set(item.id, timer);
  }

  private clearWaiting(id: string): void {
    const timer = this.waiting.get(id);
    if (timer) clearTimeout(timer);
    this.waiting.delete(id);
  }

  private interrupt(run: Run, why: StopReason): void {
    if (run.stop === null || STOP_STRENGTH[why] > STOP_STRENGTH[run.stop]) run.stop = why;
    run.controller.abort();
  }

  /** The direction's bucket even while unlimited: a limit set later paces running transfers too. */
  private bucketFor(item: QueueRecord): TokenBucket {
    return item.direction === 'upload' ? this.buckets.up : this.buckets.down;
  }

  /** One overwrite question at a time, so "apply to all" answers every question still waiting. */
  private ask(
    item: QueueRecord,
    source: Pick<FileEntry, 'size' | 'modified'>,
    target: Pick<FileEntry, 'size' | 'modified'>,
  ) {
    const next = this.askChain.then(async (): Promise<OverwritePolicy | 'cancel'> => {
      if (this.askAll) return this.askAll;
      const answer = await this.prompter.ask({
        kind: 'overwrite',
        itemId: item.id,
        targetPath: item.target.path,
        source: { size: source.size, modified: source.modified },
        target: { size: target.size, modified: target.modified },
      });
      if (answer.applyToAll) this.askAll = answer.action;
      return answer.action;
    });
    this.askChain = next.catch(() => {});
    return next;
  }

  /** The source identities of a folder item and of the folder items above it (see enumerateFolder). */
  private identitiesAbove(item: QueueRecord): Set<string> {
    const found = new Set<string>();
    for (
      let at: QueueRecord | undefined = item;
      at;
      at = at.parentId ? this.items.get(at.parentId) : undefined
    )
      if (at.sourceUnique !== undefined) found.add(at.sourceUnique);
    return found;
  }

  private async addChildren(parent: QueueRecord, children: ChildSpec[], recovered: boolean): Promise<void> {
    // After a crash mid-enumeration some children are already queued: never add them twice.
    const known = new Set<string>();
    if (recovered) {
      const ops = pathOps(parent.source.location);
      for (const item of this.items.values()) {
        if (item.parentId === parent.id) known.add(item.refused ?? ops.basename(item.source.path));
      }
    }
    for (let i = 0; i < children.length; i++) {
      if (i > 0 && i % BATCH === 0) await nextTurn();
      const child = children[i]!;
      if (known.has(child.name)) continue;
      const record: QueueRecord = {
        id: this.newId(),
        direction: parent.direction,
        source: { location: parent.source.location, path: child.sourcePath },
        target: { location: parent.target.location, path: child.targetPath },
        isDir: 'isDir' in child ? child.isDir : false,
        size: 'size' in child ? child.size : null,
        transferred: 0,
        state: 'failed' in child ? 'failed' : 'skipped' in child ? 'skipped' : 'queued',
        priority: parent.priority,
        attempts: 0,
        overwrite: parent.overwrite,
        order: this.nextOrder++,
        modified: 'modified' in child ? child.modified : null,
        parentId: parent.id,
      };
      if ('listed' in child && child.listed) record.listed = true;
      if ('targetAbsent' in child && child.targetAbsent) record.targetAbsent = true;
      if ('unique' in child && child.unique !== undefined) record.sourceUnique = child.unique;
      if ('failed' in child) {
        record.error = child.failed;
        record.refused = child.name;
      }
      if ('skipped' in child)
        record.error = { code: 'UNSUPPORTED', message: child.skipped, retryable: false };
      this.insertRecord(record);
    }
  }

  private addOne(request: QueueRequest): string {
    const record: QueueRecord = {
      id: this.newId(),
      direction: request.direction,
      source: { location: request.source.location, path: request.source.path },
      target: { location: request.target.location, path: request.target.path },
      isDir: request.isDir ?? false,
      size: request.size ?? null,
      transferred: 0,
      state: request.paused ? 'paused' : 'queued',
      priority: request.priority ?? 3,
      attempts: 0,
      overwrite: request.overwrite ?? this.current.defaultOverwrite,
      order: this.nextOrder++,
      modified: request.modified ?? null,
    };
    this.insertRecord(record);
    return record.id;
  }

  // ---------- the one place state changes ----------

  private insertRecord(record: QueueRecord): void {
    this.items.set(record.id, record);
    this.account(record);
    this.journal?.append({ op: 'put', item: record });
    this.markChanged(record);
    if (record.state === 'queued') this.readyQueue.insert(record);
    this.summaryDirty = true;
    this.scheduleTick();
  }

  private deleteRecord(item: QueueRecord): void {
    this.clearWaiting(item.id);
    this.unaccount(item);
    this.items.delete(item.id);
    this.journal?.append({ op: 'del', id: item.id });
    this.upserts.delete(item.id);
    this.removed.push(item.id);
    this.summaryDirty = true;
    this.scheduleTick();
  }

  /** Applies a change; `persist` false for transient states a restart would undo anyway. */
  private update(item: QueueRecord, patch: RecordPatch, persist = true): void {
    if (!this.items.has(item.id)) return;
    this.unaccount(item);
    applyPatch(item, patch);
    this.account(item);
    // A queued item that changed place needs a fresh entry in the ready heap (the old one goes stale).
    if (
      (patch.priority != null || patch.order != null) &&
      item.state === 'queued' &&
      !this.waiting.has(item.id)
    )
      this.readyQueue.insert(item);
    if (persist) this.journal?.append({ op: 'set', id: item.id, set: patch });
    this.markChanged(item);
    this.summaryDirty = true;
    this.scheduleTick();
    this.checkIdle();
  }

  /** Remembers the item for the next `queue-items` batch; without listeners there is no batch to build. */
  private markChanged(item: QueueRecord): void {
    if (this.emitter.listenerCount('queue-items') > 0) this.upserts.set(item.id, item);
  }

  private requeue(item: QueueRecord, patch: RecordPatch): void {
    this.update(item, { ...patch, state: 'queued' });
    this.readyQueue.insert(item);
  }

  private account(item: QueueRecord): void {
    this.counts[item.state]++;
    if (item.isDir || item.state === 'skipped') return;
    this.bytesTotal += item.size ?? 0;
    this.bytesDone += item.transferred;
  }

  private unaccount(item: QueueRecord): void {
    this.counts[item.state]--;
    if (item.isDir || item.state === 'skipped') return;
    this.bytesTotal -= item.size ?? 0;
    this.bytesDone -= item.transferred;
  }

  /**
   * Swaps each item, in the order given, with its neighbour among the waiting items of its
   * priority and route. Each such list is built once per call and kept in step with the swaps:
   * built per item, 200 selected items in a queue of 100,000 took seconds.
   */
  private moveByOne(items: QueueRecord[], where: 'up' | 'down'): void {
    const lists = new Map<string, { ready: QueueRecord[]; at: Map<QueueRecord, number> }>();
    for (const item of items) {
      const key = `${item.priority}\n${item.source.location}\n${item.target.location}`;
      let list = lists.get(key);
      if (!list) {
        const ready = this.readyQueue.ordered(item.priority, item.source.location, item.target.location);
        list = { ready, at: new Map(ready.map((other, i) => [other, i])) };
        lists.set(key, list);
      }
      // Only waiting items have neighbours: moving a paused or running one would swap two others.
      const at = list.at.get(item);
      if (at === undefined) continue;
      const next = where === 'up' ? at - 1 : at + 1;
      const neighbour = list.ready[next];
      if (!neighbour) continue;
      const order = item.order;
      this.update(item, { order: neighbour.order });
      this.update(neighbour, { order });
      list.ready[next] = item;
      list.ready[at] = neighbour;
      list.at.set(item, next);
      list.at.set(neighbour, at);
    }
  }

  private pick(ids: string[]): QueueRecord[] {
    const out: QueueRecord[] = [];
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) out.push(item);
    }
    return out;
  }

  private newId(): string {
    return `${this.idPrefix}-${(this.idCounter++).toString(36)}`;
  }

  private isIdle(): boolean {
    return this.counts.queued + this.counts.active + this.counts.verifying === 0 && this.runs.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    // "Apply to all" answers the questions of the transfers at hand, not those of the next ones.
    this.askAll = null;
    if (this.idleWaiters.length === 0) return;
    // Let the last events go out first, so a caller awaiting idle sees the final state.
    this.tick();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  // ---------- events: one timer for everything ----------

  private scheduleTick(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.tick(), this.progressIntervalMs);
  }

  private tick(): void {
    const now = performance.now();
    const progress: TransferProgress[] = [];
    for (const run of this.runs.values()) {
      const tap = run.meter.tap;
      // A removed item's bytes left the summary with it, and views were told it is gone.
      if (!tap || run.stop === 'remove') continue;
      const transferred = run.meter.offset + tap.bytes;
      const seconds = (now - run.lastTime) / 1000;
      if (seconds <= 0) continue;
      const instant = (transferred - run.lastTransferred) / seconds;
      // Smoothed so the ETA does not jump with every burst of the network.
      run.speed = run.speed === 0 ? instant : run.speed * 0.7 + instant * 0.3;
      run.lastTime = now;
      if (transferred === run.lastTransferred && now - run.lastReported < STALLED_REPORT_MS) continue;
      run.lastReported = now;
      run.lastTransferred = transferred;
      const item = run.item;
      this.bytesDone += transferred - item.transferred;
      item.transferred = transferred;
      this.summaryDirty = true;
      progress.push({
        id: item.id,
        transferred,
        size: item.size,
        bytesPerSecond: Math.round(run.speed),
        etaSeconds:
          item.size != null && run.speed > 0
            ? Math.ceil(Math.max(0, item.size - transferred) / run.speed)
            : null,
      });
      if (now - run.lastCheckpoint >= CHECKPOINT_MS) {
        run.lastCheckpoint = now;
        this.journal?.append({ op: 'set', id: item.id, set: { transferred } });
      }
    }
    if (this.emitter.listenerCount('queue-items') === 0) {
      // Nobody watches (the CLI, a bench): do not build 100,000 view objects for nobody.
      this.upserts.clear();
      this.removed = [];
    } else if (this.upserts.size > 0 || this.removed.length > 0) {
      const items: TransferItem[] = [];
      for (const item of this.upserts.values()) items.push(toTransferItem(item));
      const removed = this.removed;
      this.upserts.clear();
      this.removed = [];
      this.emitter.emit('queue-items', { type: 'queue-items', items, removed } satisfies QueueEvent);
    }
    if (progress.length > 0 || this.summaryDirty) {
      this.summaryDirty = false;
      this.emitter.emit('queue-progress', {
        type: 'queue-progress',
        progress,
        summary: this.summary(),
      } satisfies QueueEvent);
    }
    if (this.runs.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

/** A question nobody answers must not keep a cancelled, paused or closing item alive. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new FerryError('CANCELLED', 'Stopped.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FerryError('CANCELLED', 'Stopped.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
