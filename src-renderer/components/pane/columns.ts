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

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'name', label: 'Name', align: 'left', minWidth: 120, defaultWidth: 220, text: (e) => e.name },
  {
    key: 'size',
    label: 'Size',
    align: 'right',
    minWidth: 56,
    defaultWidth: 80,
    text: (e) => (e.type === 'dir' ? '' : formatSize(e.size)),
  },
  { key: 'type', label: 'Type', align: 'left', minWidth: 56, defaultWidth: 90, text: (e) => typeLabel(e) },
  {
    key: 'modified',
    label: 'Modified',
    align: 'left',
    minWidth: 80,
    defaultWidth: 136,
    text: (e) => formatDate(e.modified),
  },
  {
    key: 'permissions',
    label: 'Permissions',
    align: 'left',
    minWidth: 64,
    defaultWidth: 96,
    text: (e) => e.permissions ?? '',
  },
  {
    key: 'owner',
    label: 'Owner',
    align: 'left',
    minWidth: 56,
    defaultWidth: 90,
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
