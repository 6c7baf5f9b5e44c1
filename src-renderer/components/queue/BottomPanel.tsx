import { useSyncExternalStore } from 'react';
import { useApp } from '../../hooks/app-context.js';
import { usePersistentState } from '../../hooks/use-persistent-state.js';
import { QUEUE_TABS, type QueueTab } from '../../state/queue-store.js';
import { IconButton } from '../common/IconButton.js';
import { LogView } from './LogView.js';
import { QueueList } from './QueueList.js';

type PanelTab = QueueTab | 'log';

const LABELS: Record<PanelTab, string> = {
  queued: 'Queued',
  active: 'Active',
  failed: 'Failed',
  done: 'Done',
  log: 'Log',
};

/** Transfer queue tabs and the protocol log. */
export function BottomPanel() {
  const app = useApp();
  const api = app.client.api;
  const [tab, setTab] = usePersistentState<PanelTab>('bottomTab', 'queued');
  const counts = useSyncExternalStore(
    (l) => app.queue.subscribeList(l),
    () => app.queue.counts(),
  );
  const summary = useSyncExternalStore(
    (l) => app.queue.subscribeSummary(l),
    () => app.queue.getSummary(),
  );
  const running = summary?.running ?? false;

  return (
    <section className="bottom-panel" aria-label="Transfers and log">
      <div className="panel-tabs" role="tablist" aria-label="Transfer queue">
        {[...QUEUE_TABS, 'log' as const].map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`panel-tab-${t}`}
            aria-selected={tab === t}
            aria-controls="panel-body"
            aria-label={t === 'log' ? 'Protocol log' : `${LABELS[t]} transfers, ${counts[t]}`}
            className={tab === t ? 'panel-tab active' : 'panel-tab'}
            data-testid={`queue-tab-${t}`}
            onClick={() => setTab(t)}
          >
            <span>{LABELS[t]}</span>
            {t !== 'log' && (
              <span
                className={`count${t === 'failed' && app.queue.errors() > 0 ? ' count-danger' : ''}`}
                data-testid={`queue-count-${t}`}
              >
                {counts[t].toLocaleString()}
              </span>
            )}
          </button>
        ))}
        <span className="toolbar-spacer" />
        {tab !== 'log' && (
          <div className="panel-actions" role="toolbar" aria-label="Queue actions">
            {running ? (
              <IconButton
                icon="pause"
                label="Pause queue"
                text="Pause"
                data-testid="queue-pause-all"
                onClick={() => void app.run('Could not pause the queue', () => api['queue.pause'](undefined))}
              />
            ) : (
              <IconButton
                icon="play"
                label="Start queue"
                text="Start"
                data-testid="queue-start"
                onClick={() =>
                  void app.run('Could not start the queue', async () => {
                    await api['queue.resume'](undefined);
                    await api['queue.start']();
                  })
                }
              />
            )}
            {tab === 'failed' && counts.failed > 0 && (
              <IconButton
                icon="retry"
                label="Retry all failed"
                text="Retry all"
                data-testid="queue-retry-all"
                onClick={() =>
                  void app.run('Could not retry', async () => {
                    await api['queue.retry'](undefined);
                    await api['queue.start']();
                  })
                }
              />
            )}
            <IconButton
              icon="eraser"
              label="Clear finished"
              text="Clear finished"
              data-testid="queue-clear-finished"
              onClick={() => void app.run('Could not clear', () => api['queue.clearFinished']())}
            />
          </div>
        )}
      </div>
      <div id="panel-body" className="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${tab}`}>
        {tab === 'log' ? <LogView /> : <QueueList key={tab} tab={tab} />}
      </div>
    </section>
  );
}
