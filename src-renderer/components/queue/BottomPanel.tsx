import { useSyncExternalStore } from 'react';
import { useApp } from '../../hooks/app-context.js';
import { usePersistentState } from '../../hooks/use-persistent-state.js';
import { QUEUE_TABS, type QueueTab } from '../../state/queue-store.js';
import { LogView } from './LogView.js';
import { QueueActions } from './QueueActions.js';
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
  const [tab, setTab] = usePersistentState<PanelTab>('bottomTab', 'queued');
  const counts = useSyncExternalStore(
    (l) => app.queue.subscribeList(l),
    () => app.queue.counts(),
  );

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
        {tab !== 'log' && <QueueActions tab={tab} counts={counts} />}
      </div>
      <div id="panel-body" className="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${tab}`}>
        {tab === 'log' ? <LogView /> : <QueueList key={tab} tab={tab} />}
      </div>
    </section>
  );
}
