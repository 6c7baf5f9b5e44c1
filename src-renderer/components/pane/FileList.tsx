import { useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FileEntry } from '../../../src-shared/model.js';
import type { Comparison } from '../../logic/compare-directories.js';
import { clickRow, contextRow, type Selection } from '../../logic/selection.js';
import type { SortKey, SortSpec } from '../../logic/sort-entries.js';
import { DRAG_MIME, dragSourceType } from '../../logic/transfer-plan.js';
import { Icon, type IconName } from '../common/Icon.js';
import { gridTemplate, totalWidth } from './columns.js';
import { FileRow, type RowHandlers } from './FileRow.js';
import { ListHeader } from './ListHeader.js';
import { useListKeys, type ListCommand } from './use-list-keys.js';

export const ROW_HEIGHT = 26;
/** The column header's height (.list-header in lists.css). */
const HEADER_HEIGHT = 28;

export interface FileListProps {
  side: 'local' | 'remote';
  label: string;
  rows: readonly FileEntry[];
  selection: Selection;
  onSelection: (next: Selection) => void;
  sort: SortSpec;
  onSort: (key: SortKey) => void;
  widths: number[];
  onWidths: (widths: number[]) => void;
  comparison: ReadonlyMap<string, Comparison> | null;
  renaming: string | null;
  onRenameDone: (from: string, to: string | null) => void;
  onActivate: (entry: FileEntry) => void;
  onCommand: (command: ListCommand) => void;
  onContextMenu: (x: number, y: number) => void;
  onDragRows: (event: React.DragEvent, names: string[]) => void;
  /** `folder` is the folder row dropped on, or null for the pane's own folder. */
  onDropRows: (event: React.DragEvent, folder: string | null) => void;
  listRef: Ref<HTMLDivElement>;
  emptyText: string | null;
  emptyIcon: IconName;
  emptyAction?: ReactNode;
}

/** Rows from the other pane, or files from the OS (uploads, where the desktop shell can name them). */
function acceptsDrop(event: React.DragEvent): boolean {
  const types = event.dataTransfer.types;
  return types.includes(DRAG_MIME) || types.includes('Files');
}

function folderUnder(event: React.DragEvent): string | null {
  const row = (event.target as HTMLElement).closest<HTMLElement>('[data-name]');
  return row && row.dataset.type === 'dir' ? (row.dataset.name ?? null) : null;
}

function hasModifiers(event: React.MouseEvent): boolean {
  return event.shiftKey || event.ctrlKey || event.metaKey;
}

/** The virtualized grid: only the rows in view exist in the DOM, so 20,000 entries stay smooth. */
export function FileList(props: FileListProps) {
  const { side, label, rows, selection, sort, widths, comparison, renaming, listRef, emptyText } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [dropFolder, setDropFolder] = useState<string | null | undefined>(undefined);
  const names = useMemo(() => rows.map((r) => r.name), [rows]);
  const onKey = useListKeys();

  // The sticky header scrolls with the rows: it is the list's margin, and it covers the top
  // of the view, so a row scrolled "into view" must clear it (or it lands a row out of sight).
  // TanStack Virtual re-renders through its own state; Ferry does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Row callbacks read the latest props through a ref so they never change identity.
  const latest = useRef({ props, names });
  useLayoutEffect(() => {
    latest.current = { props, names };
  });
  // The selected row pressed without modifiers: the press keeps the selection (it may start a
  // drag), and a click that ends it without dragging narrows the selection to this row.
  const pressedInSelection = useRef<string | null>(null);
  const handlers = useMemo<RowHandlers>(
    () => ({
      onMouseDown(index, event) {
        const { props: p, names: n } = latest.current;
        pressedInSelection.current = null;
        if (event.button !== 0) return;
        const name = n[index];
        if (name !== undefined && p.selection.selected.has(name) && !hasModifiers(event)) {
          pressedInSelection.current = name;
          p.onSelection({ ...p.selection, focus: name });
          return;
        }
        p.onSelection(
          clickRow(p.selection, n, index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }),
        );
      },
      onClick(index, event) {
        const { props: p, names: n } = latest.current;
        const pressed = pressedInSelection.current;
        pressedInSelection.current = null;
        if (pressed === null || pressed !== n[index] || hasModifiers(event)) return;
        p.onSelection(clickRow(p.selection, n, index, { shift: false, toggle: false }));
      },
      onDoubleClick(index) {
        const entry = latest.current.props.rows[index];
        if (entry) latest.current.props.onActivate(entry);
      },
      onContextMenu(index, event) {
        event.preventDefault();
        event.stopPropagation();
        const { props: p, names: n } = latest.current;
        p.onSelection(contextRow(p.selection, n, index));
        p.onContextMenu(event.clientX, event.clientY);
      },
      onDragStart(index, event) {
        pressedInSelection.current = null;
        const { props: p, names: n } = latest.current;
        const name = n[index];
        if (name === undefined) return;
        const dragged = p.selection.selected.has(name)
          ? n.filter((x) => p.selection.selected.has(x))
          : [name];
        p.onDragRows(event, dragged);
      },
      onRenameDone(from, to) {
        latest.current.props.onRenameDone(from, to);
      },
    }),
    [],
  );

  // Keep the focused row in view when the keyboard moves it.
  const focusIndex = selection.focus === null ? -1 : names.indexOf(selection.focus);
  useLayoutEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
  const width = totalWidth(widths);
  const template = gridTemplate(widths);

  return (
    <div
      ref={listRef}
      className={`file-list${dropFolder === null ? ' drop-active' : ''}`}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={focusIndex >= 0 ? `${side}-row-${focusIndex}` : undefined}
      tabIndex={0}
      data-testid={`${side}-list`}
      style={{ ['--grid-template' as string]: template }}
      onKeyDown={(event) => {
        if (renaming !== null) return;
        onKey(event, { ...props, names, pageSize });
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        props.onContextMenu(event.clientX, event.clientY);
      }}
      onDragOver={(event) => {
        if (!acceptsDrop(event)) return;
        const folder = folderUnder(event);
        const own = event.dataTransfer.types.includes(dragSourceType(side));
        // Rows of this list only move into another of its folders: anywhere else nothing would happen.
        if (own && (folder === null || selection.selected.has(folder))) {
          if (dropFolder !== undefined) setDropFolder(undefined);
          return;
        }
        event.preventDefault();
        event.dataTransfer.dropEffect = own ? 'move' : 'copy';
        if (folder !== dropFolder) setDropFolder(folder);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropFolder(undefined);
      }}
      onDrop={(event) => {
        setDropFolder(undefined);
        if (!acceptsDrop(event)) return;
        event.preventDefault();
        props.onDropRows(event, folderUnder(event));
      }}
    >
      <div ref={scrollRef} className="list-scroll">
        <div style={{ minWidth: width }}>
          <ListHeader
            side={side}
            sort={sort}
            widths={widths}
            onSort={props.onSort}
            onWidths={props.onWidths}
          />
          <div className="list-body" style={{ height: virtualizer.getTotalSize(), minWidth: width }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index];
              if (!entry) return null;
              return (
                <FileRow
                  key={entry.name}
                  side={side}
                  entry={entry}
                  index={item.index}
                  top={item.start - HEADER_HEIGHT}
                  selected={selection.selected.has(entry.name)}
                  focused={selection.focus === entry.name}
                  comparison={comparison?.get(entry.name)}
                  renaming={renaming === entry.name}
                  dropTarget={dropFolder === entry.name}
                  handlers={handlers}
                />
              );
            })}
          </div>
        </div>
        {emptyText && rows.length === 0 && (
          <div className="list-empty" data-testid={`${side}-empty`}>
            <Icon name={props.emptyIcon} className="list-empty-icon" />
            <p>{emptyText}</p>
            {props.emptyAction}
          </div>
        )}
      </div>
    </div>
  );
}
