import { describe, expect, it } from 'vitest';
import type { QueueSummary, TransferItem } from '../../../src-shared/model.js';
import { QueueStore, tabOf } from '../../../src-renderer/state/queue-store.js';

let nextOrder = 0;

function item(id: string, state: TransferItem['state'], transferred = 0): TransferItem {
  return {
    id,
    direction: 'upload',
    source: { location: 'local', path: `/l/${id}` },
    target: { location: 'ftp://h', path: `/r/${id}` },
    isDir: false,
    size: 1000,
    transferred,
    state,
    priority: 3,
    order: nextOrder++,
    attempts: 0,
    overwrite: 'ask',
  };
}

const summary: QueueSummary = {
  counts: { queued: 0, active: 0, paused: 0, verifying: 0, done: 0, failed: 0, skipped: 0 },
  bytesTotal: 0,
  bytesDone: 0,
  bytesPerSecond: 0,
  running: true,
};

describe('QueueStore', () => {
  it('maps states to tabs', () => {
    expect(
      ['queued', 'paused', 'active', 'verifying', 'failed', 'done', 'skipped'].map((s) =>
        tabOf(s as TransferItem['state']),
      ),
    ).toEqual(['queued', 'queued', 'active', 'active', 'failed', 'done', 'done']);
  });

  it('counts cancelled items in the Failed tab but not as errors', () => {
    const store = new QueueStore();
    const cancelled: TransferItem = {
      ...item('c', 'failed'),
      error: { code: 'CANCELLED', message: 'Cancelled', retryable: false },
    };
    const broken: TransferItem = {
      ...item('b', 'failed'),
      error: { code: 'CONNECTION_LOST', message: 'Connection lost', retryable: true },
    };
    store.reset([cancelled, broken, item('d', 'done')], summary);
    expect(store.counts().failed).toBe(2);
    expect(store.errors()).toBe(1);
    store.applyItems([], ['b']);
    expect(store.errors()).toBe(0);
  });

  it('a progress tick wakes only that row, and keeps the tab lists and counts identical', () => {
    const store = new QueueStore();
    const items = Array.from({ length: 10_000 }, (_, i) => item(`q${i}`, i < 3 ? 'active' : 'queued'));
    store.reset(items, summary);
    const activeIds = store.idsFor('active');
    const queuedIds = store.idsFor('queued');
    const counts = store.counts();
    expect(counts).toEqual({ queued: 9997, active: 3, failed: 0, done: 0 });

    const woken: string[] = [];
    for (const id of ['q0', 'q1', 'q500']) store.subscribeRow(id, () => woken.push(id));
    let listWakes = 0;
    store.subscribeList(() => listWakes++);
    const before = store.getRow('q1');

    store.applyProgress(
      [{ id: 'q0', transferred: 500, size: 1000, bytesPerSecond: 100, etaSeconds: 5 }],
      summary,
    );

    expect(woken).toEqual(['q0']);
    expect(listWakes).toBe(0);
    expect(store.idsFor('active')).toBe(activeIds);
    expect(store.idsFor('queued')).toBe(queuedIds);
    expect(store.counts()).toBe(counts);
    expect(store.getRow('q1')).toBe(before);
    expect(store.getRow('q0')?.item.transferred).toBe(500);
    // The first tick is only the baseline of the row's own speed measurement.
    expect(store.getRow('q0')?.etaSeconds).toBeNull();
    store.applyProgress(
      [{ id: 'q0', transferred: 600, size: 1000, bytesPerSecond: 100, etaSeconds: 4 }],
      summary,
      performance.now() + 1000,
    );
    expect(store.getRow('q0')?.etaSeconds).toBeGreaterThan(0);
  });

  it('a state change moves the item between tabs and wakes the list', () => {
    const store = new QueueStore();
    store.reset([item('a', 'active', 10), item('b', 'queued')], summary);
    let listWakes = 0;
    store.subscribeList(() => listWakes++);
    store.applyItems([item('a', 'done', 1000)], []);
    expect(listWakes).toBe(1);
    expect(store.idsFor('done')).toEqual(['a']);
    expect(store.idsFor('active')).toEqual([]);
    expect(store.getRow('a')?.bytesPerSecond).toBe(0);
  });

  it('an update that neither moves nor reorders the item does not rebuild the lists', () => {
    const store = new QueueStore();
    const a = item('a', 'queued');
    store.reset([a], summary);
    const ids = store.idsFor('queued');
    store.applyItems([{ ...a, attempts: 1 }], []);
    expect(store.idsFor('queued')).toBe(ids);
    expect(store.getRow('a')?.item.attempts).toBe(1);
  });

  it('lists Queued in run order: higher priority first, then the smaller order', () => {
    const store = new QueueStore();
    const [a, b, c] = [item('a', 'queued'), item('b', 'paused'), item('c', 'queued')];
    store.reset([a, b, c], summary);
    expect(store.idsFor('queued')).toEqual(['a', 'b', 'c']);
    let listWakes = 0;
    store.subscribeList(() => listWakes++);

    // "Move to top" gives c an order below every other.
    store.applyItems([{ ...c, order: a.order - 1 }], []);
    expect(listWakes).toBe(1);
    expect(store.idsFor('queued')).toEqual(['c', 'a', 'b']);

    store.applyItems([{ ...b, priority: 5 }], []);
    expect(listWakes).toBe(2);
    expect(store.idsFor('queued')).toEqual(['b', 'c', 'a']);
  });

  it('holds new work while the queue is paused (Auto-start off)', () => {
    const store = new QueueStore();
    expect(store.holding()).toBe(false);
    store.reset([], { ...summary, running: false });
    expect(store.holding()).toBe(true);
    store.reset([], summary);
    expect(store.holding()).toBe(false);
  });

  it('removal drops the row and ignores late progress for it', () => {
    const store = new QueueStore();
    store.reset([item('a', 'active'), item('b', 'queued')], summary);
    store.applyItems([], ['a']);
    store.applyProgress([{ id: 'a', transferred: 9, size: 10, bytesPerSecond: 1, etaSeconds: 1 }], summary);
    expect(store.getRow('a')).toBeUndefined();
    expect(store.counts()).toEqual({ queued: 1, active: 0, failed: 0, done: 0 });
  });
});
