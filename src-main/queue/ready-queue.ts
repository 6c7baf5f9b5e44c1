/**
 * The items waiting to run, ordered so that picking the next one never scans the whole queue:
 * one list per route (source location → target location) and priority, sorted by `order`.
 * A route whose sites are at their connection limit is skipped as a whole, so 100,000 items
 * for a busy site cost nothing while another site has a free slot.
 * Entries go stale instead of being removed (pause, cancel, priority change); `isReady`
 * filters them when they reach the head, which keeps every mutation O(1) or O(log n).
 */
import type { QueueRecord } from './queue-record.js';

export const PRIORITIES = [1, 2, 3, 4, 5] as const;

interface Route {
  source: string;
  target: string;
  /** Index 0 holds priority 1 (the highest). */
  lists: QueueRecord[][];
  heads: number[];
  sorted: boolean[];
}

export class ReadyQueue {
  private readonly routes = new Map<string, Route>();

  constructor(private readonly isReady: (item: QueueRecord) => boolean) {}

  insert(item: QueueRecord): void {
    const route = this.route(item.source.location, item.target.location);
    const p = item.priority - 1;
    const list = route.lists[p]!;
    const last = list[list.length - 1];
    if (!last || last.order <= item.order) {
      list.push(item);
      return;
    }
    if (!route.sorted[p]) {
      list.push(item);
      return;
    }
    // Binary search from the head: items re-queued by a retry go back to their place.
    let lo = route.heads[p]!;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.order <= item.order) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, item);
  }

  /** Orders changed (move up/down/top/bottom): lists are re-sorted when next read. */
  invalidate(): void {
    for (const route of this.routes.values()) route.sorted.fill(false);
  }

  /**
   * The best ready item among routes `hasCapacity` accepts: highest priority first, then lowest
   * order. Does not remove it; the caller changes its state, which makes the entry stale.
   */
  peek(hasCapacity: (source: string, target: string) => boolean): QueueRecord | null {
    let best: QueueRecord | null = null;
    for (const route of this.routes.values()) {
      if (!hasCapacity(route.source, route.target)) continue;
      for (let p = 0; p < PRIORITIES.length; p++) {
        if (best && best.priority - 1 < p) break;
        const head = this.head(route, p);
        if (!head) continue;
        if (
          !best ||
          head.priority < best.priority ||
          (head.priority === best.priority && head.order < best.order)
        )
          best = head;
        break;
      }
    }
    return best;
  }

  /** The ready items in run order (for `up`/`down`, which swap with a neighbour). */
  *ordered(priority: number, source: string, target: string): Iterable<QueueRecord> {
    const route = this.routes.get(`${source}\n${target}`);
    if (!route) return;
    const p = priority - 1;
    this.sortIfNeeded(route, p);
    const list = route.lists[p]!;
    for (let i = route.heads[p]!; i < list.length; i++) {
      const item = list[i]!;
      if (item.priority === priority && this.isReady(item)) yield item;
    }
  }

  clear(): void {
    this.routes.clear();
  }

  private head(route: Route, p: number): QueueRecord | null {
    this.sortIfNeeded(route, p);
    const list = route.lists[p]!;
    let h = route.heads[p]!;
    while (h < list.length) {
      const item = list[h]!;
      if (item.priority === p + 1 && this.isReady(item)) break;
      h++;
    }
    // Drop the consumed prefix once it is the larger half, so memory follows the live count.
    if (h > 1024 && h * 2 > list.length) {
      list.splice(0, h);
      h = 0;
    }
    route.heads[p] = h;
    return list[h] ?? null;
  }

  private sortIfNeeded(route: Route, p: number): void {
    if (route.sorted[p]) return;
    const list = route.lists[p]!;
    const seen = new Set<QueueRecord>();
    const live = list.slice(route.heads[p]).filter((item) => {
      if (seen.has(item) || item.priority !== p + 1 || !this.isReady(item)) return false;
      seen.add(item);
      return true;
    });
    live.sort((a, b) => a.order - b.order);
    route.lists[p] = live;
    route.heads[p] = 0;
    route.sorted[p] = true;
  }

  private route(source: string, target: string): Route {
    const key = `${source}\n${target}`;
    let route = this.routes.get(key);
    if (!route) {
      route = {
        source,
        target,
        lists: PRIORITIES.map(() => []),
        heads: PRIORITIES.map(() => 0),
        sorted: PRIORITIES.map(() => true),
      };
      this.routes.set(key, route);
    }
    return route;
  }
}
