import type { FileEntry } from '../../../src-shared/model.js';
import { formatDate, formatSize, typeLabel } from '../../logic/format.js';
import type { SortKey } from '../../logic/sort-entries.js';

export interface ColumnDef {
  key: SortKey;
  label: string;
  align: 'left' | 'right';
  minWidth: number;
  defaultWidth: number;
  text(entry: FileEntry): string;
}

/**
 * Default widths add up to 598 px, so every column of both panes shows at 1280 px even with a
 * classic 15 px scrollbar (a pane's list is ~624 px there); the name column takes what is left.
 */
export const COLUMNS: readonly ColumnDef[] = [
  { key: 'name', label: 'Name', align: 'left', minWidth: 120, defaultWidth: 140, text: (e) => e.name },
  {
    key: 'size',
    label: 'Size',
    align: 'right',
    minWidth: 50,
    defaultWidth: 68,
    text: (e) => (e.type === 'dir' ? '' : formatSize(e.size)),
  },
  { key: 'type', label: 'Type', align: 'left', minWidth: 50, defaultWidth: 74, text: (e) => typeLabel(e) },
  {
    key: 'modified',
    label: 'Modified',
    align: 'left',
    minWidth: 80,
    defaultWidth: 132,
    text: (e) => formatDate(e.modified),
  },
  {
    key: 'permissions',
    label: 'Permissions',
    align: 'left',
    minWidth: 60,
    defaultWidth: 98,
    text: (e) => e.permissions ?? '',
  },
  {
    key: 'owner',
    label: 'Owner',
    align: 'left',
    minWidth: 50,
    defaultWidth: 86,
    text: (e) => [e.owner, e.group].filter(Boolean).join(' '),
  },
];

export const DEFAULT_WIDTHS = COLUMNS.map((c) => c.defaultWidth);

/** The name column takes any spare width, so a wide pane has no empty strip on the right. */
export function gridTemplate(widths: readonly number[]): string {
  return COLUMNS.map((c, i) => {
    const px = `${Math.max(c.minWidth, widths[i] ?? c.defaultWidth)}px`;
    return i === 0 ? `minmax(${px}, 1fr)` : px;
  }).join(' ');
}

export function totalWidth(widths: readonly number[]): number {
  return COLUMNS.reduce((sum, c, i) => sum + Math.max(c.minWidth, widths[i] ?? c.defaultWidth), 0);
}
