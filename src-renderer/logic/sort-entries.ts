import type { FileEntry } from '../../src-shared/model.js';
import { typeLabel } from './format.js';

export const SORT_KEYS = ['name', 'size', 'type', 'modified', 'permissions', 'owner'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  key: SortKey;
  direction: SortDirection;
}

// Numeric collation so "file10" follows "file9", as every file manager people know does.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function isFolderLike(entry: FileEntry): boolean {
  return entry.type === 'dir';
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

const COMPARATORS: Record<SortKey, (a: FileEntry, b: FileEntry) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  size: (a, b) => compareNullable(a.size, b.size),
  type: (a, b) => collator.compare(typeLabel(a), typeLabel(b)),
  modified: (a, b) => compareNullable(a.modified, b.modified),
  permissions: (a, b) => collator.compare(a.permissions ?? '', b.permissions ?? ''),
  owner: (a, b) => collator.compare(a.owner ?? '', b.owner ?? ''),
};

/** A sorted copy: folders first whatever the direction, ties broken by name. */
export function sortEntries(entries: readonly FileEntry[], spec: SortSpec): FileEntry[] {
  const primary = COMPARATORS[spec.key];
  const sign = spec.direction === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    const folderA = isFolderLike(a);
    if (folderA !== isFolderLike(b)) return folderA ? -1 : 1;
    const byKey = primary(a, b) * sign;
    return byKey !== 0 ? byKey : collator.compare(a.name, b.name);
  });
}

/** Clicking a header: same column flips direction, a new column starts ascending. */
export function toggleSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}
