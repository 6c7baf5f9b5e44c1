/** Web mode serves a file manager with the user's credentials: it must never be reachable from the network. */
import { FerryError } from '../../src-shared/errors.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1']);

export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new FerryError('INVALID_ARGUMENT', `Web mode binds only to 127.0.0.1 or ::1, not "${host}".`, {
      hint: 'Ferry serves your files and saved passwords; it never listens on a network address.',
    });
  }
}

/** The Origin a page served by us carries; anything else is another site trying to drive Ferry. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const origins = new Set([`http://${hostPart}:${port}`]);
  if (host === '127.0.0.1' || host === '::1') origins.add(`http://localhost:${port}`);
  return origins;
}
