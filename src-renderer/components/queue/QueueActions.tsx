import { useSyncExternalStore } from 'react';
import { useApp } from '../../hooks/app-context.js';
import type { QueueTab } from '../../state/queue-store.js';
import { startUnlessHeld } from '../../state/start-unless-held.js';
import { IconButton } from '../common/IconButton.js';

/**
 * What the queue can do right now: Pause while transfers run or wait, Start while paused, and an
 * "Auto-start" switch while idle (pausing an idle queue means new transfers wait for Start).
 */
export function QueueActions({ tab, counts }: { tab: QueueTab; counts: Record<QueueTab, number> }) {
  const app = useApp();
  const api = app.client.api;
  const summary = useSyncExternalStore(
    (l) => app.queue.subscribeSummary(l),
    () => app.queue.getSummary(),
  );
  const running = summary?.running ?? false;
  const pending = counts.queued + counts.active;
  const pause = (): void => void app.run('Could not pause the queue', () => api['queue.pause'](undefined));

  return (
    <div className="panel-actions" role="toolbar" aria-label="Queue actions">
      {!running ? (
        <IconButton
          icon="play"
          label={pending > 0 ? `Start the queue (${pending} waiting)` : 'Start the queue'}
          text={pending > 0 ? `Start (${pending.toLocaleString()})` : 'Start'}
          className={pending > 0 ? 'btn-start' : undefined}
          data-testid="queue-start"
          onClick={() =>
            void app.run('Could not start the queue', async () => {
              await api['queue.resume'](undefined);
              await api['queue.start']();
            })
          }
        />
      ) : pending > 0 ? (
        <IconButton
          icon="pause"
          label="Pause the queue"
          text="Pause"
          data-testid="queue-pause-all"
          onClick={pause}
        />
      ) : (
        <button
          type="button"
          role="switch"
          aria-checked="true"
          className="btn btn-text queue-autostart"
          aria-label="Start new transfers automatically"
          title="New transfers start at once. Turn off to hold them until you press Start."
          data-testid="queue-pause-all"
          onClick={pause}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span>Auto-start</span>
        </button>
      )}
      {tab === 'failed' && counts.failed > 0 && (
        <IconButton
          icon="retry"
          label="Retry all failed"
          text="Retry all"
          data-testid="queue-retry-all"
          onClick={() =>
            void app.run('Could not retry', () =>
              startUnlessHeld(api, app.queue, () => api['queue.retry'](undefined)),
            )
          }
        />
      )}
      <IconButton
        icon="eraser"
        label="Clear finished"
        text="Clear finished"
        data-testid="queue-clear-finished"
        disabled={counts.done === 0}
        onClick={() => void app.run('Could not clear', () => api['queue.clearFinished']())}
      />
    </div>
  );
}
