import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { filterEntries, makeNameFilter } from '../../../src-renderer/logic/filter-entries.js';
import { sortEntries, toggleSort } from '../../../src-renderer/logic/sort-entries.js';

function entry(
  name: string,
  type: FileEntry['type'],
  size: number | null = null,
  modified: number | null = null,
): FileEntry {
  return { name, type, size, modified };
}

const listing: FileEntry[] = [
  entry('file10.txt', 'file', 10, 3),
  entry('b-dir', 'dir', null, 1),
  entry('file9.txt', 'file', 300, 1),
  entry('A-dir', 'dir', null, 2),
  entry('archive.zip', 'file', 50, 2),
  entry('link', 'symlink', 4, 5),
];

describe('sortEntries', () => {
  const cases: { title: string; key: Parameters<typeof sortEntries>[1]; expected: string[] }[] = [
    {
      title: 'name ascending: folders first, natural number order, case-insensitive',
      key: { key: 'name', direction: 'asc' },
      expected: ['A-dir', 'b-dir', 'archive.zip', 'file9.txt', 'file10.txt', 'link'],
    },
    {
      title: 'name descending keeps folders first',
      key: { key: 'name', direction: 'desc' },
      expected: ['b-dir', 'A-dir', 'link', 'file10.txt', 'file9.txt', 'archive.zip'],
    },
    {
      title: 'size ascending, folders (no size) first by name',
      key: { key: 'size', direction: 'asc' },
      expected: ['A-dir', 'b-dir', 'link', 'file10.txt', 'archive.zip', 'file9.txt'],
    },
    {
      title: 'modified descending',
      key: { key: 'modified', direction: 'desc' },
      expected: ['A-dir', 'b-dir', 'link', 'file10.txt', 'archive.zip', 'file9.txt'],
    },
    {
      title: 'type ascending groups by label, then name',
      key: { key: 'type', direction: 'asc' },
      expected: ['A-dir', 'b-dir', 'link', 'file9.txt', 'file10.txt', 'archive.zip'],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      expect(sortEntries(listing, c.key).map((e) => e.name)).toEqual(c.expected);
    });
  }

  it('does not mutate its input', () => {
    const copy = listing.slice();
    sortEntries(listing, { key: 'size', direction: 'desc' });
    expect(listing).toEqual(copy);
  });

  it('toggleSort flips the same column and starts a new one ascending', () => {
    expect(toggleSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(toggleSort({ key: 'name', direction: 'desc' }, 'size')).toEqual({ key: 'size', direction: 'asc' });
  });
});

describe('filter', () => {
  const cases: { title: string; query: string; expected: string[] }[] = [
    { title: 'empty keeps everything', query: '  ', expected: listing.map((e) => e.name) },
    { title: 'substring, case-insensitive', query: 'DIR', expected: ['b-dir', 'A-dir'] },
    { title: 'glob star', query: '*.txt', expected: ['file10.txt', 'file9.txt'] },
    { title: 'glob question mark', query: 'file?.txt', expected: ['file9.txt'] },
    { title: 'regex characters are literal', query: 'archive.z', expected: ['archive.zip'] },
    { title: 'a dot in a glob is literal', query: '*.zi?', expected: ['archive.zip'] },
  ];
  for (const c of cases) {
    it(c.title, () => {
      expect(filterEntries(listing, c.query).map((e) => e.name)).toEqual(c.expected);
    });
  }

  it('brackets and parentheses do not break the matcher', () => {
    expect(makeNameFilter('(a[')('x(a[y')).toBe(true);
  });
});
