import { describe, expect, it } from 'vitest';
import type { QueueRecord } from '../../../src-main/queue/queue-record.js';
import { ReadyQueue } from '../../../src-main/queue/ready-queue.js';

function record(
  id: string,
  order: number,
  priority: QueueRecord['priority'] = 3,
  location = 'site',
): QueueRecord {
  return {
    id,
    direction: 'download',
    source: { location, path: `/${id}` },
    target: { location: 'local', path: `/tmp/${id}` },
    isDir: false,
    size: 1,
    transferred: 0,
    state: 'queued',
    priority,
    attempts: 0,
    overwrite: 'overwrite',
    order,
    modified: null,
  };
}

const always = () => true;

describe('ReadyQueue', () => {
  it('runs higher priorities first, then by order', () => {
    const q = new ReadyQueue((i) => i.state === 'queued');
    const a = record('a', 1);
    const b = record('b', 2, 5);
    const c = record('c', 3);
    [a, b, c].forEach((i) => q.insert(i));
    const picked: string[] = [];
    for (let item = q.peek(always); item; item = q.peek(always)) {
      picked.push(item.id);
      item.state = 'active';
    }
    expect(picked).toEqual(['b', 'a', 'c']);
  });

  it('puts a retried item back in its place', () => {
    const q = new ReadyQueue((i) => i.state === 'queued');
    const items = [1, 2, 3, 4].map((n) => record(`i${n}`, n));
    items.forEach((i) => q.insert(i));
    items[0]!.state = 'active';
    items[1]!.state = 'active';
    expect(q.peek(always)?.id).toBe('i3');
    items[1]!.state = 'queued';
    q.insert(items[1]!);
    expect(q.peek(always)?.id).toBe('i2');
  });

  it('skips routes without capacity', () => {
    const q = new ReadyQueue((i) => i.state === 'queued');
    q.insert(record('busy', 1, 5, 'busy-site'));
    q.insert(record('free', 2, 1, 'free-site'));
    expect(q.peek((source) => source !== 'busy-site')?.id).toBe('free');
  });

  it('follows order changes once the moved item is inserted again', () => {
    const q = new ReadyQueue((i) => i.state === 'queued');
    const a = record('a', 1);
    const b = record('b', 2);
    q.insert(a);
    q.insert(b);
    b.order = -1;
    q.insert(b);
    expect(q.peek(always)?.id).toBe('b');
    expect(q.ordered(3, 'site', 'local').map((i) => i.id)).toEqual(['b', 'a']);
  });

  it('ignores entries whose priority changed', () => {
    const q = new ReadyQueue((i) => i.state === 'queued');
    const a = record('a', 1, 3);
    const b = record('b', 2, 3);
    q.insert(a);
    q.insert(b);
    a.priority = 1;
    q.insert(a);
    expect(q.peek(always)?.id).toBe('b');
  });
});
