import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import { RING_SIZE, SessionLog } from '../../../src-main/service/session-log.js';

describe('SessionLog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the last RING_SIZE lines in order, the oldest dropped first', () => {
    const log = new SessionLog('s1', new EventBus());
    expect(log.history()).toEqual([]);
    log.log('sent', 'first');
    log.log('received', 'second');
    expect(log.history().map((l) => l.text)).toEqual(['first', 'second']);
    for (let i = 0; i < RING_SIZE + 5; i++) log.log('sent', `line ${i}`);
    const history = log.history();
    expect(history).toHaveLength(RING_SIZE);
    expect(history[0]!.text).toBe('line 5');
    expect(history.at(-1)!.text).toBe(`line ${RING_SIZE + 4}`);
    expect(history.every((l) => l.sessionId === 's1')).toBe(true);
  });

  it('sends the lines in one batched event per interval', () => {
    const bus = new EventBus();
    const events: FerryEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const log = new SessionLog('s1', bus);
    log.log('sent', 'USER anonymous');
    log.log('received', '331 Password');
    expect(events).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'log',
      lines: [{ text: 'USER anonymous' }, { text: '331 Password' }],
    });
  });
});
