import type { QueueSummary, TransferItem, TransferProgress, TransferState } from '../../src-shared/model.js';
import { etaOf, startMeter, updateMeter, type SpeedMeter } from '../logic/speed-meter.js';

export const QUEUE_TABS = ['queued', 'active', 'failed', 'done'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const TAB_OF_STATE: Record<TransferState, QueueTab> = {
  queued: 'queued',
  paused: 'queued',
  active: 'active',
  verifying: 'active',
  failed: 'failed',
  done: 'done',
  skipped: 'done',
};

export function tabOf(state: TransferState): QueueTab {
  return TAB_OF_STATE[state];
}

/** The order main runs waiting items in: the higher priority first, then the smaller order. */
function runsBefore(a: TransferItem, b: TransferItem): number {
  return b.priority - a.priority || a.order - b.order;
}

/** A change the tab lists show: another tab, or another place in the run order. */
function movesInList(prev: TransferItem, next: TransferItem): boolean {
  return prev.state !== next.state || prev.priority !== next.priority || prev.order !== next.order;
}

/** One queue row as the view reads it: replaced (new object) only when that item changes. */
export interface QueueRow {
  item: TransferItem;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/**
 * The transfer queue, keyed by id. Progress ticks replace one row and wake only that
 * row's subscribers; the per-tab id lists (what the virtual list renders) change only when
 * items are added, removed, change state or change place. That is what keeps a 10,000-item
 * queue smooth.
 */
export class QueueStore {
  private readonly rows = new Map<string, QueueRow>();
  /** Speed of each moving item, measured here (see speed-meter.ts for why not main's figure). */
  private readonly meters = new Map<string, SpeedMeter>();
  private readonly rowListeners = new Map<string, Set<() => void>>();
  private readonly listListeners = new Set<() => void>();
  private readonly summaryListeners = new Set<() => void>();
  private tabIds: Record<QueueTab, string[]> | null = null;
  private summary: QueueSummary | null = null;
  private countCache: Record<QueueTab, number> = { queued: 0, active: 0, failed: 0, done: 0 };
  private errorCount = 0;

  reset(items: readonly TransferItem[], summary: QueueSummary | null): void {
    this.rows.clear();
    this.meters.clear();
    for (const item of items) this.rows.set(item.id, { item, bytesPerSecond: 0, etaSeconds: null });
    this.summary = summary;
    this.tabIds = null;
    for (const listeners of this.rowListeners.values()) for (const l of listeners) l();
    this.emit(this.listListeners);
    this.emit(this.summaryListeners);
  }

  applyItems(items: readonly TransferItem[], removed: readonly string[]): void {
    let listChanged = removed.length > 0;
    for (const id of removed) {
      this.rows.delete(id);
      this.meters.delete(id);
      this.emitRow(id);
    }
    for (const item of items) {
      const prev = this.rows.get(item.id);
      if (!prev || movesInList(prev.item, item)) listChanged = true;
      const moving = item.state === 'active' || item.state === 'verifying';
      if (!moving) this.meters.delete(item.id);
      this.rows.set(item.id, {
        item,
        bytesPerSecond: moving ? (prev?.bytesPerSecond ?? 0) : 0,
        etaSeconds: moving ? (prev?.etaSeconds ?? null) : null,
      });
      this.emitRow(item.id);
    }
    if (listChanged) {
      this.tabIds = null;
      this.emit(this.listListeners);
    }
  }

  /** `now` is when the tick arrived (a parameter so tests need no clock). */
  applyProgress(
    progress: readonly TransferProgress[],
    summary: QueueSummary,
    now: number = performance.now(),
  ): void {
    for (const tick of progress) {
      const prev = this.rows.get(tick.id);
      if (!prev) continue;
      let meter = this.meters.get(tick.id);
      if (meter) updateMeter(meter, tick.transferred, now);
      else {
        meter = startMeter(tick.transferred, now);
        this.meters.set(tick.id, meter);
      }
      const size = tick.size ?? prev.item.size;
      const eta = etaOf(meter, size);
      this.rows.set(tick.id, {
        item: { ...prev.item, transferred: tick.transferred, size },
        bytesPerSecond: Math.round(meter.speed),
        etaSeconds: eta === null ? null : Math.ceil(eta),
      });
      this.emitRow(tick.id);
    }
    let total = 0;
    for (const meter of this.meters.values()) total += meter.speed;
    this.summary = { ...summary, bytesPerSecond: Math.round(total) };
    this.emit(this.summaryListeners);
  }

  getRow(id: string): QueueRow | undefined {
    return this.rows.get(id);
  }

  getSummary(): QueueSummary | null {
    return this.summary;
  }

  /** Auto-start is off: the user holds the queue, so new or resumed work waits for Start. */
  holding(): boolean {
    return this.summary?.running === false;
  }

  /**
   * Ids of one tab; Queued in the order the items will run, the others as they arrived. The
   * same array until the tab's membership or order changes.
   */
  idsFor(tab: QueueTab): string[] {
    return this.computeTabs()[tab];
  }

  /** Items per tab; the same object until membership changes (a valid useSyncExternalStore snapshot). */
  counts(): Record<QueueTab, number> {
    this.computeTabs();
    return this.countCache;
  }

  /** Failed items that really failed: the Failed tab turns red for these, not for cancelled ones. */
  errors(): number {
    this.computeTabs();
    return this.errorCount;
  }

  subscribeRow(id: string, listener: () => void): () => void {
    let set = this.rowListeners.get(id);
    if (!set) {
      set = new Set();
      this.rowListeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.rowListeners.delete(id);
    };
  }

  subscribeList(listener: () => void): () => void {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  }

  subscribeSummary(listener: () => void): () => void {
    this.summaryListeners.add(listener);
    return () => this.summaryListeners.delete(listener);
  }

  private computeTabs(): Record<QueueTab, string[]> {
    if (this.tabIds) return this.tabIds;
    const tabs: Record<QueueTab, string[]> = { queued: [], active: [], failed: [], done: [] };
    const waiting: TransferItem[] = [];
    let errors = 0;
    for (const [id, row] of this.rows) {
      const tab = tabOf(row.item.state);
      if (tab === 'queued') waiting.push(row.item);
      else tabs[tab].push(id);
      if (row.item.state === 'failed' && row.item.error?.code !== 'CANCELLED') errors += 1;
    }
    tabs.queued = waiting.sort(runsBefore).map((item) => item.id);
    this.errorCount = errors;
    this.tabIds = tabs;
    this.countCache = {
      queued: tabs.queued.length,
      active: tabs.active.length,
      failed: tabs.failed.length,
      done: tabs.done.length,
    };
    return tabs;
  }

  private emitRow(id: string): void {
    const listeners = this.rowListeners.get(id);
    if (listeners) for (const l of listeners) l();
  }

  private emit(listeners: Set<() => void>): void {
    for (const l of [...listeners]) l();
  }
}
