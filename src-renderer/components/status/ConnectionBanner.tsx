import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';

/** Web mode only: the page lost its socket to Ferry and is reconnecting. */
export function ConnectionBanner() {
  const app = useApp();
  const link = useStore(app.link);
  if (link === 'open') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {link === 'connecting' ? 'Connecting to Ferry…' : 'Lost the connection to Ferry. Reconnecting…'}
    </div>
  );
}
