/**
 * One session's protocol log: a bounded ring for late-opening views, and batched
 * `log` events (one per 100 ms at most) so a chatty server cannot flood the renderer.
 */
import type { LogLine } from '../../src-shared/model.js';
import type { LogDirection, ProtocolLogger } from '../core/protocol-log.js';
import type { EventBus } from './event-bus.js';

const RING_SIZE = 2000;
const FLUSH_MS = 100;

export class SessionLog implements ProtocolLogger {
  private readonly ring: LogLine[] = [];
  private batch: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessionId: string,
    private readonly bus: EventBus,
  ) {}

  log(direction: LogDirection, text: string): void {
    const line: LogLine = { sessionId: this.sessionId, time: Date.now(), direction, text };
    this.ring.push(line);
    if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
    this.batch.push(line);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  history(): LogLine[] {
    return [...this.ring];
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0) return;
    const lines = this.batch;
    this.batch = [];
    this.bus.emit({ type: 'log', lines });
  }
}
