/**
 * One session's protocol log: a bounded ring for late-opening views, and batched
 * `log` events (one per 100 ms at most) so a chatty server cannot flood the renderer.
 */
import type { LogLine } from '../../src-shared/model.js';
import type { LogDirection, ProtocolLogger } from '../core/protocol-log.js';
import type { EventBus } from './event-bus.js';

export const RING_SIZE = 2000;
const FLUSH_MS = 100;

export class SessionLog implements ProtocolLogger {
  /**
   * A circular buffer: a queue with four connections logs about ten lines per small file, and
   * dropping the oldest line from an array shifted all 2,000 others every time.
   */
  private readonly ring = new Array<LogLine | undefined>(RING_SIZE);
  private next = 0;
  private count = 0;
  private batch: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessionId: string,
    private readonly bus: EventBus,
  ) {}

  log(direction: LogDirection, text: string): void {
    const line: LogLine = { sessionId: this.sessionId, time: Date.now(), direction, text };
    this.ring[this.next] = line;
    this.next = (this.next + 1) % RING_SIZE;
    if (this.count < RING_SIZE) this.count++;
    this.batch.push(line);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** The last RING_SIZE lines, oldest first. */
  history(): LogLine[] {
    const lines: LogLine[] = [];
    for (let i = 0; i < this.count; i++)
      lines.push(this.ring[(this.next - this.count + i + RING_SIZE) % RING_SIZE]!);
    return lines;
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
