import type { LogLine } from '../../src-shared/model.js';

export const LOG_CAPACITY = 20_000;

/** The protocol log: a bounded list (oldest lines fall off) with a version to subscribe to. */
export class LogStore {
  private lines: LogLine[] = [];
  private version = 0;
  private readonly listeners = new Set<() => void>();

  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const next = this.lines.concat(lines);
    this.lines = next.length > LOG_CAPACITY ? next.slice(next.length - LOG_CAPACITY) : next;
    this.version += 1;
    for (const l of this.listeners) l();
  }

  clear(): void {
    this.lines = [];
    this.version += 1;
    for (const l of this.listeners) l();
  }

  /** The same array until lines are added, so it can be a useSyncExternalStore snapshot. */
  getLines(): readonly LogLine[] {
    return this.lines;
  }

  getVersion(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Belt and braces: main already masks secrets, but a PASS line never shows a password here. */
export function maskSecrets(text: string): string {
  return text.replace(/^(PASS|ACCT)\s+.*/i, '$1 ********');
}
