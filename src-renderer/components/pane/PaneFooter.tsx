import { useMemo } from 'react';
import type { FileEntry } from '../../../src-shared/model.js';
import { formatSize } from '../../logic/format.js';

interface PaneFooterProps {
  side: string;
  /** Shown while directory comparison is on: what the row colours mean. */
  comparing: boolean;
  rows: readonly FileEntry[];
  total: number;
  selected: ReadonlySet<string>;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "3 folders, 1 file · 22 B", leaving out what is zero; nothing for a pane with no folder. */
function describe(dirs: number, files: number, bytes: number, total: number): string {
  if (total === 0) return '';
  const parts = [];
  if (dirs > 0) parts.push(plural(dirs, 'folder', 'folders'));
  if (files > 0) parts.push(plural(files, 'file', 'files'));
  const text = parts.join(', ') || 'No matches';
  return bytes > 0 ? `${text} · ${formatSize(bytes)}` : text;
}

export function PaneFooter({ side, comparing, rows, total, selected }: PaneFooterProps) {
  const summary = useMemo(() => {
    let files = 0;
    let dirs = 0;
    let bytes = 0;
    let selectedBytes = 0;
    for (const row of rows) {
      if (row.type === 'dir') dirs += 1;
      else {
        files += 1;
        bytes += row.size ?? 0;
        if (selected.has(row.name)) selectedBytes += row.size ?? 0;
      }
    }
    return { files, dirs, bytes, selectedBytes };
  }, [rows, selected]);
  const hidden = total - rows.length;
  return (
    <div className="pane-footer" data-testid={`${side}-footer`} aria-live="polite">
      {selected.size > 0 ? (
        <span>
          {plural(selected.size, 'item', 'items')} selected
          {summary.selectedBytes > 0 && ` · ${formatSize(summary.selectedBytes)}`}
        </span>
      ) : (
        <span>{describe(summary.dirs, summary.files, summary.bytes, total)}</span>
      )}
      {hidden > 0 && <span className="muted">{hidden.toLocaleString()} hidden by the filter</span>}
      {comparing && (
        <span className="compare-legend" aria-label="Comparison colours">
          <span className="swatch cmp-missing" /> missing
          <span className="swatch cmp-newer" /> newer
          <span className="swatch cmp-older" /> older
          <span className="swatch cmp-size" /> size differs
        </span>
      )}
    </div>
  );
}
