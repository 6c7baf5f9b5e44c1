import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { useSessionLabels } from '../../hooks/use-session-labels.js';
import { Icon } from '../common/Icon.js';

/** One tab per connection; closing a tab disconnects it. */
export function SessionTabs() {
  const app = useApp();
  const sessions = useStore(app.sessions);
  const active = useStore(app.activeSessionId);
  const labels = useSessionLabels();
  if (sessions.length === 0) return null;

  const disconnect = (id: string): void => {
    void app.run('Could not disconnect', async () => {
      await app.client.api['session.disconnect'](id);
      app.sessions.set((list) => list.filter((s) => s.id !== id));
      if (app.activeSessionId.get() === id) app.activeSessionId.set(app.sessions.get()[0]?.id ?? null);
    });
  };

  return (
    <div className="session-tabs" role="tablist" aria-label="Connections" data-testid="session-tabs">
      {sessions.map((s) => {
        const label = labels.get(s.id) ?? s.label;
        return (
          <div
            key={s.id}
            className={s.id === active ? 'session-tab active' : 'session-tab'}
            data-testid={`session-tab-${s.id}`}
          >
            <button
              type="button"
              role="tab"
              aria-selected={s.id === active}
              className="session-tab-main"
              aria-label={`${label}, ${s.state}`}
              title={s.label}
              onClick={() => app.activeSessionId.set(s.id)}
            >
              <span className={`state-dot state-${s.state}`} aria-hidden="true" />
              {!s.secure && s.state === 'connected' && <Icon name="unlock" className="tab-insecure" />}
              <span className="session-tab-label">{label}</span>
            </button>
            <button
              type="button"
              className="session-tab-close"
              aria-label={`Disconnect ${label}`}
              title="Disconnect"
              data-testid={`session-close-${s.id}`}
              onClick={() => disconnect(s.id)}
            >
              <Icon name="close" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
