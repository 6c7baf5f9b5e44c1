import type { SessionInfo } from '../../src-shared/model.js';
import { DEFAULT_PORTS } from './quick-connect.js';

/** What a tab says: a saved site's name, else `user@host[:port]` (main's label is a full URL). */
export function sessionLabel(
  session: Pick<SessionInfo, 'label' | 'siteId' | 'user' | 'host' | 'port' | 'protocol'>,
  siteNames?: ReadonlyMap<string, string>,
): string {
  const siteName = session.siteId ? siteNames?.get(session.siteId) : undefined;
  if (siteName) return siteName;
  if (session.protocol === 'local') return session.label;
  const user = session.user && session.user !== 'anonymous' ? `${session.user}@` : '';
  const port = session.port && session.port !== DEFAULT_PORTS[session.protocol] ? `:${session.port}` : '';
  return `${user}${session.host}${port}`;
}

/** Two tabs to the same server read `host` and `host #2`: the first keeps its plain label. */
export function numberDuplicates(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} #${n}`;
  });
}
