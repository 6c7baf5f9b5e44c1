/**
 * The progress bar redraws its line with "\r"; a line wider than the terminal wraps,
 * and "\r" then only returns to the start of the last wrapped row, so each redraw leaves a
 * stale row behind (the bar scrolls the screen instead of updating in place).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressBar } from '../../../src-main/cli/progress-bar.js';

const columnsBefore = Object.getOwnPropertyDescriptor(process.stderr, 'columns');

afterEach(() => {
  vi.restoreAllMocks();
  if (columnsBefore) Object.defineProperty(process.stderr, 'columns', columnsBefore);
  else delete (process.stderr as { columns?: number }).columns;
});

/** The visible text of each redraw: the part after the last "\r", without the erase-line escape. */
function drawnLines(writes: string[]): string[] {
  return writes.filter((w) => w.startsWith('\r')).map((w) => w.slice(1).replace(/\x1b\[K$/, ''));
}

describe('ProgressBar on an 80-column terminal', () => {
  it('never draws a line wider than the terminal (it would wrap and "\\r" could not redraw it)', () => {
    Object.defineProperty(process.stderr, 'columns', { value: 80, configurable: true });
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write);
    const MiB = 1024 * 1024;
    const bar = new ProgressBar('backup-2024.tar.gz', 300 * MiB, true);
    bar.finish(150 * MiB);
    const lines = drawnLines(writes);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect([...line].length, line).toBeLessThan(80);
  });
});
