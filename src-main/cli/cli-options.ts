/** Options every remote command accepts, and how they shape a connection target. */
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget } from '../../src-shared/model.js';
import { normaliseFingerprint } from '../core/trust-store.js';

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
  if (options.tlsFingerprint) shaped.tlsFingerprint = checkedFingerprint(options.tlsFingerprint);
  if (options.identity) shaped.identityFile = options.identity;
  return shaped;
}

/** A typo in a pin must read as a usage error, not as a certificate that "changed". */
function checkedFingerprint(text: string): string {
  if (normaliseFingerprint(text).length !== 64 || /[^0-9a-f:\s]/i.test(text.replace(/^sha256[:=]?/i, ''))) {
    throw new FerryError('INVALID_ARGUMENT', `--tls-fingerprint ${text} is not a SHA-256 fingerprint.`, {
      hint: 'Give the 64 hex digits ferry printed, with or without colons: AB:CD:…',
    });
  }
  return text;
}
