import { useCallback, useMemo, useState, type ReactNode, type Ref } from 'react';
import type { FileEntry, SessionInfo } from '../../../src-shared/model.js';
import { usePersistentState } from '../../hooks/use-persistent-state.js';
import type { Comparison } from '../../logic/compare-directories.js';
import { filterEntries } from '../../logic/filter-entries.js';
import { refusedAsFolder } from '../../logic/refused-as-folder.js';
import {
  EMPTY_SELECTION,
  focusName,
  pruneSelection,
  targetNames,
  type Selection,
} from '../../logic/selection.js';
import { sortEntries, toggleSort, type SortSpec } from '../../logic/sort-entries.js';
import {
  DRAG_MIME,
  decodeDragPayload,
  dragSourceType,
  encodeDragPayload,
} from '../../logic/transfer-plan.js';
import { ContextMenu } from '../common/ContextMenu.js';
import { DEFAULT_WIDTHS } from './columns.js';
import { FileList } from './FileList.js';
import { FolderTree } from './FolderTree.js';
import { PaneFooter } from './PaneFooter.js';
import { PaneHeader } from './PaneHeader.js';
import { paneMenu } from './pane-menu.js';
import { usePaneActions } from './use-pane-actions.js';
import type { NavigateFailure, PaneModel } from './use-pane-model.js';
import type { ListCommand } from './use-list-keys.js';

interface FilePaneProps {
  side: 'local' | 'remote';
  title: string;
  subtitle?: string;
  subtitleTip?: string;
  model: PaneModel;
  other: PaneModel;
  session: SessionInfo | null;
  comparison: ReadonlyMap<string, Comparison> | null;
  listRef: Ref<HTMLDivElement>;
  /** Navigation that synchronized browsing mirrors in the other pane. */
  onOpenFolder: (name: string, onFailure?: NavigateFailure) => void;
  onUp: () => void;
  onSwitchPane: () => void;
  emptyText?: string;
  /** Offered in an unconnected pane, e.g. a button that opens the Site Manager. */
  emptyAction?: ReactNode;
}

const DEFAULT_SORT: SortSpec = { key: 'name', direction: 'asc' };

export function FilePane(props: FilePaneProps) {
  const { side, title, model, other, session, comparison, listRef, onOpenFolder, onUp } = props;
  const [sort, setSort] = usePersistentState<SortSpec>(`sort.${side}`, DEFAULT_SORT);
  const [widths, setWidths] = usePersistentState<number[]>(`columns.${side}`, DEFAULT_WIDTHS);
  const [showTree, setShowTree] = usePersistentState(`tree.${side}`, false);
  const [filter, setFilter] = useState('');
  // Selection and inline rename belong to one folder: another folder starts with none.
  const [picked, setPicked] = useState<{ where: string; selection: Selection }>({
    where: '',
    selection: EMPTY_SELECTION,
  });
  const [renameState, setRenameState] = useState<{ where: string; name: string } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const actions = usePaneActions(model, other, session);

  const rows = useMemo(
    () => sortEntries(filterEntries(model.entries, filter), sort),
    [model.entries, filter, sort],
  );
  const names = useMemo(() => rows.map((r) => r.name), [rows]);

  const where = `${model.sessionId ?? ''}:${model.path}`;
  const selection = useMemo(
    () => (picked.where === where ? pruneSelection(picked.selection, names) : EMPTY_SELECTION),
    [picked, where, names],
  );
  const setSelection = useCallback((next: Selection) => setPicked({ where, selection: next }), [where]);
  const renaming = renameState?.where === where ? renameState.name : null;
  const setRenaming = (name: string | null): void => setRenameState(name === null ? null : { where, name });

  const targets = (): FileEntry[] => {
    const chosen = new Set(targetNames(selection, names));
    return rows.filter((r) => chosen.has(r.name));
  };

  const open = (entry: FileEntry): void => {
    if (entry.type === 'dir') onOpenFolder(entry.name);
    // A link may lead to a file: tried as a folder first (as FileZilla does), transferred when it is not one.
    else if (entry.type === 'symlink')
      onOpenFolder(entry.name, (error) => {
        if (!refusedAsFolder(error)) return false;
        actions.transfer([entry.name]);
        return true;
      });
    else actions.transfer([entry.name]);
  };

  const onCommand = (command: ListCommand): void => {
    const chosen = targets();
    const focusEntry = chosen[0];
    switch (command) {
      case 'up':
        onUp();
        break;
      case 'refresh':
        model.refresh();
        break;
      case 'rename':
        if (focusEntry) setRenaming(focusEntry.name);
        break;
      case 'delete':
        actions.remove(chosen.map((e) => e.name));
        break;
      case 'mkdir':
        actions.mkdir((name) => setSelection(focusName([name], name)));
        break;
      case 'switch-pane':
        props.onSwitchPane();
        break;
      case 'menu': {
        const row = document.getElementById(`${side}-row-${names.indexOf(selection.focus ?? '')}`);
        const rect = row?.getBoundingClientRect();
        setMenu({ x: (rect?.left ?? 100) + 40, y: (rect?.bottom ?? 100) - 4 });
        break;
      }
    }
  };

  const closeMenu = useCallback(() => setMenu(null), []);
  const connected = model.sessionId !== null;

  return (
    <section
      className="pane"
      aria-label={title}
      data-testid={`pane-${side}`}
      data-path={model.path}
      aria-busy={model.loading}
    >
      <PaneHeader
        side={side}
        title={title}
        subtitle={props.subtitle}
        subtitleTip={props.subtitleTip}
        model={model}
        filter={filter}
        onFilter={setFilter}
        onUp={onUp}
        disabled={!connected}
        showTree={showTree}
        onShowTree={setShowTree}
      />
      <div className="pane-body">
        {showTree && model.sessionId && model.path && (
          <FolderTree
            side={side}
            sessionId={model.sessionId}
            path={model.path}
            entries={model.entries}
            onNavigate={model.navigate}
          />
        )}
        <FileList
          side={side}
          label={`${title} files`}
          rows={rows}
          selection={selection}
          onSelection={setSelection}
          sort={sort}
          onSort={(key) => setSort(toggleSort(sort, key))}
          widths={widths}
          onWidths={setWidths}
          comparison={comparison}
          renaming={renaming}
          onRenameDone={(from, to) => {
            setRenaming(null);
            if (to) actions.rename(from, to);
          }}
          onActivate={open}
          onCommand={onCommand}
          onContextMenu={(x, y) => connected && setMenu({ x, y })}
          onDragRows={(event, dragged) => {
            if (!model.sessionId) return;
            const payload = encodeDragPayload({
              sessionId: model.sessionId,
              dir: model.path,
              names: dragged,
            });
            event.dataTransfer.setData(DRAG_MIME, payload);
            event.dataTransfer.setData(dragSourceType(side), '');
            event.dataTransfer.setData('text/plain', dragged.join('\n'));
            // Copied to the other pane, moved into a folder of this one.
            event.dataTransfer.effectAllowed = 'copyMove';
          }}
          onDropRows={(event, folder) => {
            const payload = decodeDragPayload(event.dataTransfer.getData(DRAG_MIME));
            // No Ferry rows in the drag: files from the OS (the list accepted them as a drop target).
            if (!payload) {
              if (event.dataTransfer.files.length > 0) actions.dropOsFiles(event.dataTransfer.files, folder);
              return;
            }
            if (payload.sessionId !== model.sessionId) actions.dropFrom(payload, folder);
            else if (folder !== null) actions.moveInto(payload, folder);
          }}
          listRef={listRef}
          emptyAction={connected ? undefined : props.emptyAction}
          emptyIcon={!connected ? 'server' : model.error ? 'warning' : model.loading ? 'refresh' : 'folder'}
          emptyText={
            !connected
              ? (props.emptyText ?? 'Not connected')
              : model.error
                ? model.error.message
                : model.loading
                  ? 'Loading…'
                  : filter
                    ? 'Nothing matches the filter'
                    : 'This folder is empty'
          }
        />
      </div>
      <PaneFooter
        side={side}
        comparing={comparison !== null}
        rows={rows}
        total={model.entries.length}
        selected={selection.selected}
      />
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label={`${title} actions`}
          onClose={closeMenu}
          items={paneMenu({
            side,
            targets: targets(),
            canTransfer: other.sessionId !== null,
            actions,
            open,
            startRename: setRenaming,
            newFolder: () => onCommand('mkdir'),
            refresh: model.refresh,
          })}
        />
      )}
    </section>
  );
}
