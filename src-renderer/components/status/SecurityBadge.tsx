import type { SessionInfo } from '../../../src-shared/model.js';
import { Icon } from '../common/Icon.js';
import { useDialogs } from '../dialogs/dialog-context.js';
import { SecurityDialog } from './SecurityDialog.js';

function badgeText(session: SessionInfo): string {
  const security = session.security;
  if (!session.secure) return 'Not encrypted';
  if (security?.kind === 'tls')
    return [security.protocolVersion ?? 'TLS', security.cipher].filter(Boolean).join(' · ');
  if (security?.kind === 'ssh') {
    const fp = security.hostKey?.fingerprint;
    return fp ? `SSH · ${fp.length > 26 ? `${fp.slice(0, 26)}…` : fp}` : 'SSH';
  }
  return 'Encrypted';
}

/** Red and unmissable on plain FTP; a lock with the details a click away otherwise. */
export function SecurityBadge({ session }: { session: SessionInfo }) {
  const openDialog = useDialogs();
  const text = badgeText(session);
  return (
    <button
      type="button"
      className={session.secure ? 'security-badge secure' : 'security-badge insecure'}
      aria-label={`Connection security: ${text}. Show details`}
      data-testid="security-badge"
      data-secure={session.secure}
      onClick={() => openDialog((close) => <SecurityDialog session={session} onClose={close} />)}
    >
      <Icon name={session.secure ? 'lock' : 'warning'} />
      <span>{text}</span>
    </button>
  );
}
