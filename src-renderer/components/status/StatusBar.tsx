import { useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { formatSize, formatSpeed } from '../../logic/format.js';
import { SecurityBadge } from './SecurityBadge.js';

const STATE_TEXT: Record<SessionInfo['state'], string> = {
  connecting: 'Connecting to',
  connected: 'Connected to',
  disconnected: 'Disconnected from',
  failed: 'Connection failed:',
};

function QueueStatus() {
  const app = useApp();
  const summary = useSyncExternalStore(
    (l) => app.queue.subscribeSummary(l),
    () => app.queue.getSummary(),
  );
  if (!summary) return null;
  const active = summary.counts.active + summary.counts.verifying;
  const waiting = summary.counts.queued;
  if (active === 0 && waiting === 0) return <span className="muted">Queue idle</span>;
  return (
    <span data-testid="status-queue">
      {active} active · {waiting} queued
      {summary.bytesPerSecond > 0 && ` · ${formatSpeed(summary.bytesPerSecond)}`}
      {summary.bytesTotal > 0 && ` · ${formatSize(summary.bytesDone)} of ${formatSize(summary.bytesTotal)}`}
    </span>
  );
}

export function StatusBar({ session }: { session: SessionInfo | null }) {
  const app = useApp();
  const link = useStore(app.link);
  return (
    <footer className="status-bar" role="status" data-testid="status-bar">
      {link !== 'open' && <span className="status-link">Reconnecting to Ferry…</span>}
      {session ? (
        <>
          <span className={`state-dot state-${session.state}`} aria-hidden="true" />
          <span data-testid="status-session">
            {STATE_TEXT[session.state]} {session.user ? `${session.user}@` : ''}
            {session.host}:{session.port}
            {session.state === 'failed' && session.error ? ` — ${session.error.message}` : ''}
          </span>
          {session.state === 'connected' && <SecurityBadge session={session} />}
        </>
      ) : (
        <>
          <span className="state-dot" aria-hidden="true" />
          <span className="muted" data-testid="status-session">
            Not connected
          </span>
        </>
      )}
      <span className="status-spacer" />
      <QueueStatus />
    </footer>
  );
}
