/** Options every remote command accepts, and how they shape a connection target. */
import type { ConnectionTarget } from '../../src-shared/model.js';

export interface RemoteOptions {
  active?: boolean;
  passive?: boolean;
  ascii?: boolean;
  tlsFingerprint?: string;
  identity?: string;
  knownHosts?: string;
  verbose?: boolean;
}

export function applyRemoteOptions(target: ConnectionTarget, options: RemoteOptions): ConnectionTarget {
  const shaped = { ...target };
  if (options.active) shaped.transferMode = 'active';
  if (options.passive) shaped.transferMode = 'passive';
  if (options.tlsFingerprint) shaped.tlsFingerprint = options.tlsFingerprint;
  if (options.identity) shaped.identityFile = options.identity;
  return shaped;
}
