import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FileEntry } from '../../../src-shared/model.js';
import { errorDataOf } from '../../api/ferry-call-error.js';
import { useApp } from '../../hooks/app-context.js';
import { readPersisted, writePersisted } from '../../hooks/use-persistent-state.js';
import { PanePlaces, type PanePlace } from '../../logic/pane-places.js';
import { parentPath } from '../../logic/paths.js';

/** Handles a navigation that failed; true when it did, and the pane then says nothing. */
export type NavigateFailure = (error: FerryErrorData) => boolean;

export interface PaneModel {
  /** null when the remote pane has no connection. */
  sessionId: string | null;
  path: string;
  entries: FileEntry[];
  loading: boolean;
  error: FerryErrorData | null;
  canBack: boolean;
  canForward: boolean;
  navigate(path: string, onFailure?: NavigateFailure): void;
  back(): void;
  forward(): void;
  up(): void;
  refresh(): void;
}

interface PaneState {
  /** Which session/home/memory this state belongs to; a change resets the pane. */
  owner: string;
  path: string;
  entries: FileEntry[];
  loading: boolean;
  error: FerryErrorData | null;
  stack: string[];
  index: number;
}

type HistoryMove = { kind: 'push' } | { kind: 'keep' } | { kind: 'jump'; index: number };

const EMPTY: FileEntry[] = [];

/** A pane not listed yet; with the history it had when it last showed this owner, if any. */
function initial(owner: string, place?: PanePlace): PaneState {
  const stack = place ? [...place.stack] : [];
  return { owner, path: '', entries: EMPTY, loading: false, error: null, stack, index: place?.index ?? -1 };
}

function commit(state: PaneState, where: string, entries: FileEntry[], move: HistoryMove): PaneState {
  let { stack, index } = state;
  if (move.kind === 'jump') index = move.index;
  else if (move.kind === 'push' && stack[index] !== where) {
    stack = [...stack.slice(0, index + 1), where].slice(-100);
    index = stack.length - 1;
  }
  return { ...state, path: where, entries, loading: false, error: null, stack, index };
}

/**
 * One pane's folder: the listing, back/forward history, and the last folder remembered per
 * site (`memoryKey`). Each session keeps its own folder and history while the pane shows
 * another (tabs); the site's last folder only places a session the pane has not shown yet.
 * A navigation that fails leaves the pane where it was and says why; answers to superseded
 * requests are dropped.
 */
export function usePaneModel(sessionId: string | null, home: string, memoryKey: string | null): PaneModel {
  const app = useApp();
  const owner = `${sessionId ?? ''}\n${home}\n${memoryKey ?? ''}`;
  const [places] = useState(() => new PanePlaces());
  const [state, setState] = useState<PaneState>(() => initial(owner));
  const token = useRef(0);
  const pathRef = useRef('');

  // A new session (tab switch, connect) resets the pane during render, before anything stale
  // shows, keeping the history that session had.
  const current = state.owner === owner ? state : initial(owner, places.get(owner));
  if (state.owner !== owner) setState(current);

  useLayoutEffect(() => {
    pathRef.current = current.path;
  });

  // Remembered per owner as it changes, so a tab switch (which resets the state) can restore it.
  const { owner: shownOwner, path: shownPath, stack: shownStack, index: shownIndex } = current;
  useLayoutEffect(() => {
    if (shownPath) places.save(shownOwner, { stack: shownStack, index: shownIndex });
  }, [places, shownOwner, shownPath, shownStack, shownIndex]);

  /** Lists the first target that works; state changes only after the answer arrives. */
  const fetchInto = useCallback(
    async (targets: string[], move: HistoryMove, onFailure?: NavigateFailure): Promise<void> => {
      if (!sessionId || targets.length === 0) return;
      const mine = ++token.current;
      let failure: unknown = null;
      for (const target of targets) {
        try {
          const listing = await app.client.api['fs.list'](sessionId, target);
          if (mine !== token.current) return;
          const where = listing.path || target;
          setState((s) => commit(s, where, listing.entries, move));
          if (memoryKey) writePersisted(`lastDir.${memoryKey}`, where);
          return;
        } catch (caught) {
          if (mine !== token.current) return;
          failure = caught;
        }
      }
      const target = targets[0] ?? '';
      const data = errorDataOf(failure);
      if (onFailure?.(data)) {
        setState((s) => ({ ...s, loading: false }));
      } else if (pathRef.current) {
        app.reportError(`Could not open ${target}`, failure);
        setState((s) => ({ ...s, loading: false }));
      } else {
        setState((s) => ({ ...s, path: target, entries: EMPTY, loading: false, error: data }));
      }
    },
    [app, sessionId, memoryKey],
  );

  const load = useCallback(
    (targets: string[], move: HistoryMove, onFailure?: NavigateFailure): Promise<void> => {
      setState((s) => ({ ...s, loading: true }));
      return fetchInto(targets, move, onFailure);
    },
    [fetchInto],
  );

  // Start where this session was, or else at the remembered folder of its site; then its home.
  useEffect(() => {
    token.current += 1;
    if (!sessionId || !home) return;
    const place = places.get(owner);
    const remembered =
      (place && PanePlaces.folderOf(place)) ??
      (memoryKey ? readPersisted<string | null>(`lastDir.${memoryKey}`, null) : null);
    // No loading flag here: an empty pane without an error already reads as loading.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetchInto sets state only after the listing arrives
    void fetchInto(remembered && remembered !== home ? [remembered, home] : [home], { kind: 'push' });
  }, [sessionId, home, memoryKey, owner, fetchInto, places]);

  // Main says a folder changed (an upload finished, another view renamed something).
  useEffect(
    () =>
      app.onListingChanged((changedSession, changedPath, listing) => {
        if (changedSession !== sessionId || changedPath !== pathRef.current) return;
        if (listing) setState((s) => ({ ...s, entries: listing.entries }));
        else void load([changedPath], { kind: 'keep' });
      }),
    [app, sessionId, load],
  );

  // A transfer finished into this folder: show it (main does not announce those as listing changes).
  useEffect(
    () =>
      app.onTransferLanded((side, dir) => {
        if (!sessionId || (side === 'local') !== (sessionId === 'local') || dir !== pathRef.current) return;
        void fetchInto([dir], { kind: 'keep' });
      }),
    [app, sessionId, fetchInto],
  );

  const { path, stack, index } = current;
  return {
    sessionId,
    path,
    entries: current.entries,
    loading: current.loading || (sessionId !== null && !current.path && !current.error),
    error: current.error,
    canBack: index > 0,
    canForward: index < stack.length - 1,
    navigate: (target, onFailure) => void load([target], { kind: 'push' }, onFailure),
    back: () => {
      const target = stack[index - 1];
      if (target !== undefined) void load([target], { kind: 'jump', index: index - 1 });
    },
    forward: () => {
      const target = stack[index + 1];
      if (target !== undefined) void load([target], { kind: 'jump', index: index + 1 });
    },
    up: () => {
      if (path && parentPath(path) !== path) void load([parentPath(path)], { kind: 'push' });
    },
    refresh: () => {
      if (path) void load([path], { kind: 'keep' });
    },
  };
}
