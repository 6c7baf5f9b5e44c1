import type { SessionInfo } from '../../src-shared/model.js';
import { DEFAULT_PORTS } from './quick-connect.js';

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** "Copy URL": never includes a password; the port only when it is not the protocol's default. */
export function urlOf(
  session: Pick<SessionInfo, 'protocol' | 'host' | 'port' | 'user'> | null,
  path: string,
): string {
  if (!session || session.protocol === 'local') {
    const posix = path.replace(/\\/g, '/');
    return `file://${posix.startsWith('/') ? '' : '/'}${encodePath(posix)}`;
  }
  const scheme = session.protocol === 'ftp-insecure' ? 'ftp' : session.protocol;
  const user = session.user && session.user !== 'anonymous' ? `${encodeURIComponent(session.user)}@` : '';
  const host = session.host.includes(':') ? `[${session.host}]` : session.host;
  const port = session.port && session.port !== DEFAULT_PORTS[session.protocol] ? `:${session.port}` : '';
  return `${scheme}://${user}${host}${port}${encodePath(path)}`;
}
