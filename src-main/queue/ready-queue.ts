/**
 * The items waiting to run, so that picking the next one never scans the queue: one binary
 * heap per route (source location → target location) keyed by (priority, order). A route whose
 * sites are at their connection limit is skipped as a whole, so 100,000 items for a busy site
 * cost nothing while another site has a free slot.
 * Entries are never searched for and removed: a change (pause, priority, reorder) inserts a new
 * entry and the old one goes stale; `isReady` and the key snapshot filter stale entries when
 * they surface. Every mutation is O(log n), whatever the queue's length.
 */
import type { QueueRecord } from './queue-record.js';

interface Entry {
  item: QueueRecord;
  /** The keys at insertion: an entry whose item moved since is stale. */
  priority: number;
  order: number;
}

interface Route {
  source: string;
  target: string;
  heap: Entry[];
  /** Heap size at which stale entries are counted next. */
  checkAt: number;
}

/** Runs first: the higher priority (5 is the highest, as the UI labels it), then the lower order. */
const before = (a: Entry, b: Entry) =>
  a.priority > b.priority || (a.priority === b.priority && a.order < b.order);

export class ReadyQueue {
  private readonly routes = new Map<string, Route>();

  constructor(private readonly isReady: (item: QueueRecord) => boolean) {}

  insert(item: QueueRecord): void {
    const route = this.route(item.source.location, item.target.location);
    const heap = route.heap;
    heap.push({ item, priority: item.priority, order: item.order });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
    // Many stale entries (items paused and resumed, reprioritised): rebuild from the live ones.
    // Counting is O(n), so it happens only each time the heap doubled: amortised O(1) per insert.
    if (heap.length >= route.checkAt) {
      if (heap.length > 2 * this.liveCount(route)) this.rebuild(route);
      route.checkAt = Math.max(4096, route.heap.length * 2);
    }
  }

  /**
   * The best ready item among routes `hasCapacity` accepts: priority 5 first, then lowest order.
   * Does not remove it; the caller changes its state, which makes the entry stale.
   */
  peek(hasCapacity: (source: string, target: string) => boolean): QueueRecord | null {
    let best: Entry | null = null;
    for (const route of this.routes.values()) {
      if (!hasCapacity(route.source, route.target)) continue;
      const top = this.top(route);
      if (top && (!best || before(top, best))) best = top;
    }
    return best?.item ?? null;
  }

  /** Ready items of one priority and route in run order (for `up`/`down`, a user action). */
  ordered(priority: number, source: string, target: string): QueueRecord[] {
    const route = this.routes.get(`${source}\n${target}`);
    if (!route) return [];
    const seen = new Set<QueueRecord>();
    return route.heap
      .filter((e) => e.priority === priority && this.live(e) && !seen.has(e.item) && seen.add(e.item))
      .sort((a, b) => a.order - b.order)
      .map((e) => e.item);
  }

  clear(): void {
    this.routes.clear();
  }

  private live(entry: Entry): boolean {
    return (
      entry.item.priority === entry.priority && entry.item.order === entry.order && this.isReady(entry.item)
    );
  }

  private liveCount(route: Route): number {
    let n = 0;
    for (const e of route.heap) if (this.live(e)) n++;
    return n;
  }

  /** The heap's best live entry, popping stale ones off the top. */
  private top(route: Route): Entry | null {
    const heap = route.heap;
    while (heap.length > 0) {
      const head = heap[0]!;
      if (this.live(head)) return head;
      this.pop(heap);
    }
    return null;
  }

  private pop(heap: Entry[]): void {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }

  private rebuild(route: Route): void {
    const seen = new Set<QueueRecord>();
    const live = route.heap.filter((e) => this.live(e) && !seen.has(e.item) && seen.add(e.item));
    live.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    // A sorted array is a valid heap.
    route.heap = live;
  }

  private route(source: string, target: string): Route {
    const key = `${source}\n${target}`;
    let route = this.routes.get(key);
    if (!route) {
      route = { source, target, heap: [], checkAt: 4096 };
      this.routes.set(key, route);
    }
    return route;
  }
}
