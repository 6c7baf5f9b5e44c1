import { memo, useRef, useState } from 'react';
import type { FileEntry } from '../../../src-shared/model.js';
import type { Comparison } from '../../logic/compare-directories.js';
import { COLUMNS } from './columns.js';
import { FileIcon } from './FileIcon.js';

/** Stable callbacks shared by every row, so a row re-renders only when its own props change. */
export interface RowHandlers {
  onMouseDown(index: number, event: React.MouseEvent): void;
  onClick(index: number, event: React.MouseEvent): void;
  onDoubleClick(index: number): void;
  onContextMenu(index: number, event: React.MouseEvent): void;
  onDragStart(index: number, event: React.DragEvent): void;
  onRenameDone(from: string, to: string | null): void;
}

interface FileRowProps {
  side: string;
  entry: FileEntry;
  index: number;
  top: number;
  selected: boolean;
  focused: boolean;
  comparison: Comparison | undefined;
  renaming: boolean;
  dropTarget: boolean;
  handlers: RowHandlers;
}

const COMPARISON_LABEL: Record<Comparison, string> = {
  missing: 'missing on the other side',
  newer: 'newer than the other side',
  older: 'older than the other side',
  size: 'size differs from the other side',
  same: '',
};

function RenameInput({ name, onDone }: { name: string; onDone: (to: string | null) => void }) {
  const [value, setValue] = useState(name);
  const finished = useRef(false);
  const finish = (input: HTMLInputElement, to: string | null, refocus: boolean): void => {
    if (finished.current) return;
    finished.current = true;
    // Enter/Escape: give focus back to the list before the input goes away, so the keyboard
    // carries on there (the blur this causes must not finish the rename a second time).
    if (refocus) input.closest<HTMLElement>('[role="grid"]')?.focus();
    onDone(to);
  };
  const result = (): string | null => (value.trim() && value !== name ? value.trim() : null);
  return (
    <input
      className="rename-input"
      aria-label={`New name for ${name}`}
      data-testid="rename-input"
      value={value}
      autoFocus
      onFocus={(e) => {
        // Select the name without its extension, as Finder and Explorer do.
        const dot = name.lastIndexOf('.');
        e.currentTarget.setSelectionRange(0, dot > 0 ? dot : name.length);
      }}
      onChange={(e) => setValue(e.target.value)}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(e.currentTarget, result(), true);
        if (e.key === 'Escape') finish(e.currentTarget, null, true);
      }}
      onBlur={(e) => finish(e.currentTarget, result(), false)}
    />
  );
}

export const FileRow = memo(function FileRow(props: FileRowProps) {
  const { side, entry, index, top, selected, focused, comparison, renaming, dropTarget, handlers } = props;
  // Stripes follow the row index, not the DOM position, so they do not swap while scrolling.
  const classes = index % 2 ? ['file-row', 'alt'] : ['file-row'];
  if (selected) classes.push('selected');
  if (focused) classes.push('focused');
  if (dropTarget) classes.push('drop-target');
  if (comparison && comparison !== 'same') classes.push(`cmp-${comparison}`);
  return (
    <div
      role="row"
      id={`${side}-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      data-testid={`row-${entry.name}`}
      data-name={entry.name}
      data-type={entry.type}
      draggable={!renaming}
      onMouseDown={(e) => handlers.onMouseDown(index, e)}
      onClick={(e) => handlers.onClick(index, e)}
      onDoubleClick={() => handlers.onDoubleClick(index)}
      onContextMenu={(e) => handlers.onContextMenu(index, e)}
      onDragStart={(e) => handlers.onDragStart(index, e)}
      title={
        comparison && comparison !== 'same' ? `${entry.name} — ${COMPARISON_LABEL[comparison]}` : undefined
      }
    >
      {COLUMNS.map((column) =>
        column.key === 'name' ? (
          <div key="name" role="gridcell" className="cell cell-name">
            <FileIcon entry={entry} />
            {renaming ? (
              <RenameInput name={entry.name} onDone={(to) => handlers.onRenameDone(entry.name, to)} />
            ) : (
              <span className="cell-text" title={entry.name}>
                {entry.name}
              </span>
            )}
          </div>
        ) : (
          <div
            key={column.key}
            role="gridcell"
            className={`cell align-${column.align} cell-${column.key}`}
            title={column.key === 'owner' ? column.text(entry) || undefined : undefined}
          >
            {column.text(entry)}
          </div>
        ),
      )}
    </div>
  );
});
