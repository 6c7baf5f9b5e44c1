import type { ConnectionTarget, SecurityInfo } from '../../src-shared/model.js';

/**
 * The target a reconnect uses. An ftp:// site takes TLS when offered; once a session had it, a
 * reconnect requires it (ftpes): a server that refuses AUTH TLS the next time is more likely an
 * attacker stripping it, and continuing in plain text would send the password in the clear
 * under a lock the user still sees.
 */
export function keepingTls(target: ConnectionTarget, had: SecurityInfo | null): ConnectionTarget {
  return target.protocol === 'ftp' && had?.kind === 'tls' ? { ...target, protocol: 'ftpes' } : target;
}
