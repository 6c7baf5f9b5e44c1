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
    const width = 24;
    let bar = '';
    let tail = formatBytes(done);
    if (this.total && this.total > 0) {
      const fraction = Math.min(done / this.total, 1);
      const filled = Math.round(fraction * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      const eta = speed > 0 ? (this.total - done) / speed : 0;
      tail = `${formatBytes(done)}/${formatBytes(this.total)} ETA ${Math.ceil(eta)}s`;
    }
    const label = printableLine(this.label);
    const name = label.length > 30 ? `…${label.slice(-29)}` : label;
    process.stderr.write(`\r${name.padEnd(30)} ${bar}${formatBytes(speed)}/s ${tail}\x1b[K`);
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
