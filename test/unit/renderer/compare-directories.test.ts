import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import {
  MODIFIED_TOLERANCE_MS,
  compareDirectories,
} from '../../../src-renderer/logic/compare-directories.js';

const T = 1_700_000_000_000;
const f = (name: string, size: number | null, modified: number | null): FileEntry => ({
  name,
  type: 'file',
  size,
  modified,
});
const d = (name: string): FileEntry => ({ name, type: 'dir', size: null, modified: T });

describe('compareDirectories', () => {
  const here = [
    f('same.txt', 10, T),
    f('only-here.txt', 1, T),
    f('newer.txt', 10, T + 2 * MODIFIED_TOLERANCE_MS),
    f('older.txt', 10, T - 2 * MODIFIED_TOLERANCE_MS),
    f('bigger.txt', 99, T),
    f('minute-rounding.txt', 10, T + 30_000),
    f('no-dates.txt', 5, null),
    d('folder'),
    d('was-a-file'),
  ];
  const there = [
    f('same.txt', 10, T),
    f('newer.txt', 10, T),
    f('older.txt', 10, T),
    f('bigger.txt', 10, T),
    f('minute-rounding.txt', 10, T),
    f('no-dates.txt', 6, null),
    d('folder'),
    f('was-a-file', 1, T),
    f('only-there.txt', 1, T),
  ];
  const result = compareDirectories(here, there);
  const rows: [string, string][] = [
    ['same.txt', 'same'],
    ['only-here.txt', 'missing'],
    ['newer.txt', 'newer'],
    ['older.txt', 'older'],
    ['bigger.txt', 'size'],
    ['minute-rounding.txt', 'same'],
    ['no-dates.txt', 'size'],
    ['folder', 'same'],
    ['was-a-file', 'missing'],
  ];
  for (const [name, expected] of rows) {
    it(`${name} → ${expected}`, () => expect(result.get(name)).toBe(expected));
  }
  it('only reports names of this side', () => expect(result.has('only-there.txt')).toBe(false));
});
