import { useRef } from 'react';
import type { SortKey, SortSpec } from '../../logic/sort-entries.js';
import { Icon } from '../common/Icon.js';
import { COLUMNS } from './columns.js';

interface ListHeaderProps {
  side: string;
  sort: SortSpec;
  widths: number[];
  onSort: (key: SortKey) => void;
  onWidths: (widths: number[]) => void;
}

/** Column headers: click sorts, the handle on the right edge resizes (pointer or arrow keys). */
export function ListHeader({ side, sort, widths, onSort, onWidths }: ListHeaderProps) {
  const drag = useRef<{ index: number; startX: number; startWidth: number } | null>(null);

  const resizeBy = (index: number, delta: number): void => {
    const column = COLUMNS[index];
    if (!column) return;
    const next = widths.slice();
    next[index] = Math.max(column.minWidth, (widths[index] ?? column.defaultWidth) + delta);
    onWidths(next);
  };

  return (
    <div className="list-header" role="row" aria-rowindex={1}>
      {COLUMNS.map((column, index) => {
        const active = sort.key === column.key;
        const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
        return (
          <div
            key={column.key}
            role="columnheader"
            aria-sort={ariaSort}
            className={`list-header-cell align-${column.align}${active ? ' sorted' : ''}`}
          >
            <button
              type="button"
              className="list-header-button"
              aria-label={`Sort by ${column.label}`}
              data-testid={`${side}-sort-${column.key}`}
              onClick={() => onSort(column.key)}
            >
              <span>{column.label}</span>
              {active && (
                <Icon name={sort.direction === 'asc' ? 'chevronUp' : 'chevronDown'} className="sort-icon" />
              )}
            </button>
            <div
              className="col-resizer"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${column.label} column`}
              aria-valuenow={widths[index] ?? column.defaultWidth}
              tabIndex={-1}
              onKeyDown={(e) => {
                if (e.key === 'ArrowLeft') resizeBy(index, -10);
                if (e.key === 'ArrowRight') resizeBy(index, 10);
              }}
              onPointerDown={(e) => {
                e.preventDefault();
                e.currentTarget.setPointerCapture(e.pointerId);
                drag.current = { index, startX: e.clientX, startWidth: widths[index] ?? column.defaultWidth };
              }}
              onPointerMove={(e) => {
                const d = drag.current;
                if (!d) return;
                const next = widths.slice();
                next[d.index] = Math.max(column.minWidth, d.startWidth + e.clientX - d.startX);
                onWidths(next);
              }}
              onPointerUp={() => {
                drag.current = null;
              }}
              onDoubleClick={() =>
                resizeBy(index, column.defaultWidth - (widths[index] ?? column.defaultWidth))
              }
            />
          </div>
        );
      })}
    </div>
  );
}
