import { useRef } from 'react';
import type { FileEntry } from '../../../src-shared/model.js';
import { clickRow, moveFocus, selectAll, type Selection } from '../../logic/selection.js';
import { findByPrefix, nextFindState, type FindState } from '../../logic/type-to-find.js';

export type ListCommand = 'up' | 'refresh' | 'rename' | 'delete' | 'mkdir' | 'switch-pane' | 'menu';

interface KeyContext {
  rows: readonly FileEntry[];
  names: readonly string[];
  selection: Selection;
  pageSize: number;
  onSelection(next: Selection): void;
  onActivate(entry: FileEntry): void;
  onCommand(command: ListCommand): void;
}

const MOVES: Record<string, (page: number, length: number) => number> = {
  ArrowDown: () => 1,
  ArrowUp: () => -1,
  PageDown: (page) => page,
  PageUp: (page) => -page,
  Home: (_page, length) => -length,
  End: (_page, length) => length,
};

const COMMAND_KEYS: Record<string, ListCommand> = {
  Backspace: 'up',
  F5: 'refresh',
  F2: 'rename',
  Delete: 'delete',
  F7: 'mkdir',
  ContextMenu: 'menu',
};

/** The file list's keyboard: movement, selection, commands and type-to-find. */
export function useListKeys(): (event: React.KeyboardEvent, ctx: KeyContext) => void {
  const find = useRef<FindState>({ prefix: '', lastKeyAt: 0 });

  return (event, ctx) => {
    const ctrl = event.ctrlKey || event.metaKey;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      ctx.onSelection(
        moveFocus(ctx.selection, ctx.names, move(ctx.pageSize, ctx.names.length), {
          shift: event.shiftKey,
          toggle: ctrl,
        }),
      );
      return;
    }
    if (event.key === 'Tab' && !ctrl && !event.altKey) {
      event.preventDefault();
      ctx.onCommand('switch-pane');
      return;
    }
    if (event.key === 'F10' && event.shiftKey) {
      event.preventDefault();
      ctx.onCommand('menu');
      return;
    }
    const command = COMMAND_KEYS[event.key];
    if (command && !ctrl) {
      event.preventDefault();
      ctx.onCommand(command);
      return;
    }
    if (ctrl && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      ctx.onSelection(selectAll(ctx.selection, ctx.names));
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      const entry = ctx.rows.find((r) => r.name === ctx.selection.focus);
      if (entry) ctx.onActivate(entry);
      return;
    }
    if (event.key === ' ' && ctx.selection.focus !== null) {
      event.preventDefault();
      const index = ctx.names.indexOf(ctx.selection.focus);
      ctx.onSelection(clickRow(ctx.selection, ctx.names, index, { shift: false, toggle: true }));
      return;
    }
    if (event.key.length === 1 && !ctrl && !event.altKey) {
      event.preventDefault();
      find.current = nextFindState(find.current, event.key, event.timeStamp);
      const from = ctx.selection.focus === null ? 0 : ctx.names.indexOf(ctx.selection.focus);
      const index = findByPrefix(ctx.names, find.current.prefix, from);
      if (index >= 0)
        ctx.onSelection(clickRow(ctx.selection, ctx.names, index, { shift: false, toggle: false }));
    }
  };
}
