import type { FerryErrorData } from '../../src-shared/errors.js';
import type { FerryEvent } from '../../src-shared/events.js';
import type { AppInfo, Listing, SessionInfo, Site, TransferItem } from '../../src-shared/model.js';
import type { PendingPrompt } from '../../src-shared/prompts.js';
import { errorDataOf } from '../api/ferry-call-error.js';
import type { FerryClient } from '../api/ferry-client.js';
import type { LinkState } from '../api/transport.js';
import { parentPath } from '../logic/paths.js';
import { createStore, type Store } from './create-store.js';
import { LogStore } from './log-store.js';
import { QueueStore } from './queue-store.js';
import { createToasts, type Toasts } from './toasts.js';

export type ListingListener = (sessionId: string, path: string, listing?: Listing) => void;
/** A transfer finished into `dir` on the local disk or on a remote (whose session the item does not name). */
export type LandedListener = (side: 'local' | 'remote', dir: string) => void;

const LANDED_BATCH_MS = 250;

/** Everything the views share, fed by main's events. Created once per window. */
export interface AppState {
  client: FerryClient;
  link: Store<LinkState>;
  /** Remote sessions, in tab order. */
  sessions: Store<SessionInfo[]>;
  activeSessionId: Store<string | null>;
  sites: Store<Site[]>;
  prompts: Store<PendingPrompt[]>;
  queue: QueueStore;
  log: LogStore;
  toasts: Toasts;
  home: Store<string>;
  /** Whether main can keep passwords in the OS keychain. */
  keychain: Store<AppInfo['keychain']>;
  onListingChanged(listener: ListingListener): () => void;
  onTransferLanded(listener: LandedListener): () => void;
  /** Shows a failed call as a toast with the hint and the server's reply. */
  reportError(title: string, error: unknown): FerryErrorData;
  /** Runs an action, turning a failure into a toast; resolves undefined when it failed. */
  run<T>(title: string, action: () => Promise<T>): Promise<T | undefined>;
  refreshAll(): Promise<void>;
}

function upsertSession(list: SessionInfo[], session: SessionInfo): SessionInfo[] {
  if (session.id === 'local') return list;
  const index = list.findIndex((s) => s.id === session.id);
  if (index < 0) return [...list, session];
  const next = list.slice();
  next[index] = session;
  return next;
}

export function createAppState(client: FerryClient): AppState {
  const listingListeners = new Set<ListingListener>();
  const landedListeners = new Set<LandedListener>();
  // Folders that received finished transfers, announced together so 500 small files cause one refresh.
  const landed = new Set<string>();
  let landedTimer: number | null = null;
  const noteLanded = (items: readonly TransferItem[]): void => {
    for (const item of items) {
      if (item.state !== 'done' || state.queue.getRow(item.id)?.item.state === 'done') continue;
      const side = item.target.location === 'local' ? 'local' : 'remote';
      landed.add(`${side}\n${parentPath(item.target.path)}`);
    }
    if (landed.size === 0 || landedTimer !== null) return;
    landedTimer = window.setTimeout(() => {
      landedTimer = null;
      const batch = [...landed];
      landed.clear();
      for (const key of batch) {
        const [side, dir] = key.split('\n') as ['local' | 'remote', string];
        for (const l of landedListeners) l(side, dir);
      }
    }, LANDED_BATCH_MS);
  };
  const toasts = createToasts();
  const state: AppState = {
    client,
    link: createStore<LinkState>(client.linkState()),
    sessions: createStore<SessionInfo[]>([]),
    activeSessionId: createStore<string | null>(null),
    sites: createStore<Site[]>([]),
    prompts: createStore<PendingPrompt[]>([]),
    queue: new QueueStore(),
    log: new LogStore(),
    toasts,
    home: createStore(''),
    keychain: createStore<AppInfo['keychain']>('available'),
    onListingChanged(listener) {
      listingListeners.add(listener);
      return () => listingListeners.delete(listener);
    },
    onTransferLanded(listener) {
      landedListeners.add(listener);
      return () => landedListeners.delete(listener);
    },
    reportError(title, error) {
      const data = errorDataOf(error);
      toasts.show({ kind: 'error', title, error: data });
      return data;
    },
    async run(title, action) {
      try {
        return await action();
      } catch (error) {
        state.reportError(title, error);
        return undefined;
      }
    },
    async refreshAll() {
      const api = client.api;
      const [info, sessions, queue, sites] = await Promise.all([
        api['app.info'](),
        api['session.list'](),
        api['queue.list'](),
        api['sites.list'](),
        // Main's list is the truth: questions asked before this window loaded (or while it was
        // reconnecting) show again, and ones answered meanwhile disappear. Set as soon as it
        // arrives, before a later prompt event could be overwritten by this older list.
        api['prompt.list']().then((prompts) => state.prompts.set(prompts)),
      ]);
      state.home.set(info.home);
      state.keychain.set(info.keychain);
      const remote = sessions.filter((s) => s.id !== 'local');
      state.sessions.set(remote);
      const active = state.activeSessionId.get();
      if (!active || !remote.some((s) => s.id === active)) state.activeSessionId.set(remote[0]?.id ?? null);
      state.queue.reset(queue.items, queue.summary);
      state.sites.set(sites);
    },
  };

  const handlers: { [K in FerryEvent['type']]: (event: Extract<FerryEvent, { type: K }>) => void } = {
    session: (e) => {
      const isNew = e.session.id !== 'local' && !state.sessions.get().some((s) => s.id === e.session.id);
      state.sessions.set((list) => upsertSession(list, e.session));
      // Connections only start from this window's own actions: show a new one right away, while it connects.
      if (isNew) state.activeSessionId.set(e.session.id);
    },
    'session-closed': (e) => {
      state.sessions.set((list) => list.filter((s) => s.id !== e.sessionId));
      if (state.activeSessionId.get() === e.sessionId) {
        state.activeSessionId.set(state.sessions.get()[0]?.id ?? null);
      }
    },
    'listing-changed': (e) => {
      for (const l of listingListeners) l(e.sessionId, e.path, e.listing);
    },
    log: (e) => state.log.append(e.lines),
    'queue-items': (e) => {
      noteLanded(e.items);
      state.queue.applyItems(e.items, e.removed);
    },
    'queue-progress': (e) => state.queue.applyProgress(e.progress, e.summary),
    'sites-changed': (e) => state.sites.set(e.sites),
    prompt: (e) =>
      state.prompts.set((list) =>
        list.some((p) => p.promptId === e.promptId)
          ? list
          : [...list, { promptId: e.promptId, prompt: e.prompt }],
      ),
    'prompt-closed': (e) => state.prompts.set((list) => list.filter((p) => p.promptId !== e.promptId)),
  };

  client.onEvent((event) => {
    const handler = handlers[event.type] as (e: FerryEvent) => void;
    handler(event);
  });
  client.onLinkState((link) => {
    state.link.set(link);
    // After a reconnect, main may have moved on: fetch the whole picture again.
    if (link === 'open') void state.run('Could not refresh after reconnecting', () => state.refreshAll());
  });
  return state;
}
