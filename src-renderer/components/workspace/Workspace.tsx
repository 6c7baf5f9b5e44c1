import { useMemo, useRef } from 'react';
import type { SessionInfo } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { usePersistentState } from '../../hooks/use-persistent-state.js';
import { useStore } from '../../hooks/use-store.js';
import { compareDirectories } from '../../logic/compare-directories.js';
import { joinPath } from '../../logic/paths.js';
import { Splitter } from '../common/Splitter.js';
import { FilePane } from '../pane/FilePane.js';
import { usePaneModel, type NavigateFailure, type PaneModel } from '../pane/use-pane-model.js';

interface WorkspaceProps {
  session: SessionInfo | null;
  compare: boolean;
  sync: boolean;
  onOpenSiteManager: () => void;
}

function memoryKeyOf(session: SessionInfo): string {
  return session.siteId ?? `${session.protocol}://${session.user}@${session.host}:${session.port}`;
}

/** The two panes side by side, plus what ties them together: comparison, synchronized browsing, Tab. */
export function Workspace({ session, compare, sync, onOpenSiteManager }: WorkspaceProps) {
  const app = useApp();
  const home = useStore(app.home);
  const sites = useStore(app.sites);
  const connected = session?.state === 'connected' ? session : null;
  const local = usePaneModel(home ? 'local' : null, home, 'local');
  const remote = usePaneModel(
    connected?.id ?? null,
    connected ? connected.home || '/' : '',
    connected ? memoryKeyOf(connected) : null,
  );
  const [split, setSplit] = usePersistentState('paneSplit', 0.5);
  const container = useRef<HTMLDivElement>(null);
  const dragStart = useRef(split);
  const localList = useRef<HTMLDivElement>(null);
  const remoteList = useRef<HTMLDivElement>(null);

  const comparisons = useMemo(() => {
    if (!compare || !connected) return { local: null, remote: null };
    return {
      local: compareDirectories(local.entries, remote.entries),
      remote: compareDirectories(remote.entries, local.entries),
    };
  }, [compare, connected, local.entries, remote.entries]);

  const openFolder = (pane: PaneModel, other: PaneModel, name: string, onFailure?: NavigateFailure): void => {
    pane.navigate(joinPath(pane.path, name), onFailure);
    if (sync && other.sessionId) other.navigate(joinPath(other.path, name));
  };
  const goUp = (pane: PaneModel, other: PaneModel): void => {
    pane.up();
    if (sync && other.sessionId) other.up();
  };
  const resize = (fraction: number): void => setSplit(Math.min(0.8, Math.max(0.2, fraction)));

  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  // The header is narrow: the site name or host, with user@host:port as the tooltip.
  const remoteName = connected
    ? (connected.siteId && siteNames.get(connected.siteId)) || connected.host
    : undefined;
  const remoteTip = connected
    ? `${connected.user ? `${connected.user}@` : ''}${connected.host}:${connected.port}`
    : undefined;
  return (
    <div
      className="workspace"
      ref={container}
      style={{ gridTemplateColumns: `${split}fr 6px ${1 - split}fr` }}
    >
      <FilePane
        side="local"
        title="Local"
        model={local}
        other={remote}
        session={null}
        comparison={comparisons.local}
        listRef={localList}
        onOpenFolder={(name, onFailure) => openFolder(local, remote, name, onFailure)}
        onUp={() => goUp(local, remote)}
        onSwitchPane={() => remoteList.current?.focus()}
      />
      <Splitter
        orientation="vertical"
        label="Resize panes"
        testId="pane-splitter"
        onDrag={(delta, phase) => {
          if (phase === 'start') dragStart.current = split;
          const width = container.current?.clientWidth ?? 1;
          resize(dragStart.current + delta / width);
        }}
        onStep={(delta) => resize(split + delta / (container.current?.clientWidth ?? 1000))}
      />
      <FilePane
        side="remote"
        title="Remote"
        subtitle={remoteName}
        subtitleTip={remoteTip}
        model={remote}
        other={local}
        session={connected}
        comparison={comparisons.remote}
        listRef={remoteList}
        onOpenFolder={(name, onFailure) => openFolder(remote, local, name, onFailure)}
        onUp={() => goUp(remote, local)}
        onSwitchPane={() => localList.current?.focus()}
        emptyAction={
          !session || session.state !== 'connecting' ? (
            <button
              type="button"
              className="btn btn-primary empty-action"
              aria-label="Open the Site Manager"
              data-testid="empty-open-site-manager"
              onClick={onOpenSiteManager}
            >
              Open Site Manager
            </button>
          ) : undefined
        }
        emptyText={
          session?.state === 'connecting'
            ? `Connecting to ${session.host}…`
            : session?.state === 'failed'
              ? (session.error?.message ?? 'The connection failed.')
              : 'Not connected. Use Quick Connect above, or pick a saved site.'
        }
      />
    </div>
  );
}
