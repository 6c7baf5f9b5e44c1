import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { Icon } from '../common/Icon.js';

/** Errors keep the engine's words: the message, the hint and the server's own reply. */
export function ToastHost() {
  const app = useApp();
  const toasts = useStore(app.toasts.store);
  return (
    <div className="toasts" aria-live="assertive" data-testid="toasts">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${t.kind}`}
        >
          <Icon
            name={t.kind === 'error' ? 'warning' : t.kind === 'success' ? 'check' : 'info'}
            className="toast-icon"
          />
          <div className="toast-body">
            <strong>{t.title}</strong>
            {t.error && <div>{t.error.message}</div>}
            {t.error?.reply && (
              <div className="mono toast-reply" data-testid="toast-reply">
                {t.error.reply.code} {t.error.reply.text}
              </div>
            )}
            {t.error?.hint && <div className="toast-hint">{t.error.hint}</div>}
            {t.detail && <div className="toast-hint">{t.detail}</div>}
          </div>
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss"
            onClick={() => app.toasts.dismiss(t.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
