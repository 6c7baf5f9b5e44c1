import { printableLine } from './printable.js';

/** A one-line progress display on stderr, redrawn at most 10 times a second, only at a terminal. */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number | null,
    enabled = Boolean(process.stderr.isTTY),
  ) {
    this.enabled = enabled;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.draw(done);
  }

  finish(done: number): void {
    if (!this.enabled) return;
    this.draw(done);
    process.stderr.write('\n');
  }

  private draw(done: number): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const speed = done / seconds;
    let fraction: number | null = null;
    let tail = formatBytes(done);
    if (this.total && this.total > 0) {
      fraction = Math.min(done / this.total, 1);
      const eta = speed > 0 ? (this.total - done) / speed : 0;
      tail = `${formatBytes(done)}/${formatBytes(this.total)} ETA ${Math.ceil(eta)}s`;
    }
    const rest = `${formatBytes(speed)}/s ${tail}`;
    // A line wider than the terminal wraps, and "\r" then redraws only its last row: every
    // update would leave a new line behind. The bar shrinks first, then the name, then the bar
    // goes ("[" + bar + "] 100% " is the bar's width plus 7).
    const columns = (process.stderr.columns || 80) - 1;
    const room = columns - rest.length - 1;
    const label = printableLine(this.label);
    // The name as long as it is (up to 30), leaving room for a short bar (8 + 7) if it can.
    const nameWidth = Math.max(12, Math.min(30, label.length, room - 1 - 15));
    const barWidth = fraction === null ? 0 : Math.min(24, room - nameWidth - 1 - 7);
    let bar = '';
    if (fraction !== null && barWidth >= 8) {
      const filled = Math.round(fraction * barWidth);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
    }
    const name = label.length > nameWidth ? `…${label.slice(-(nameWidth - 1))}` : label;
    const line = `${name.padEnd(nameWidth)} ${bar}${rest}`.slice(0, columns);
    process.stderr.write(`\r${line}\x1b[K`);
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
