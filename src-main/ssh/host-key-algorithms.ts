/**
 * Host key algorithms in the order to offer them, as OpenSSH orders HostKeyAlgorithms: types
 * already known for this host first, so a host known by its RSA key is not met with an
 * "unknown ed25519 key" question just because ed25519 comes first by default.
 */
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { entryMatchesHost, knownHostName, type KnownHostEntry } from './known-hosts.js';

/** ssh2 1.17's default list on Node 20 (every entry is one it supports). */
export const DEFAULT_HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** An `ssh-rsa` key signs with any of the RSA algorithms (RFC 8332). */
const ALGORITHMS_BY_KEY_TYPE: Readonly<Record<string, readonly ServerHostKeyAlgorithm[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export function hostKeyAlgorithmOrder(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
): ServerHostKeyAlgorithm[] {
  const hostName = knownHostName(host.toLowerCase(), port);
  const known: ServerHostKeyAlgorithm[] = [];
  for (const entry of entries) {
    if (entry.marker !== null || !entryMatchesHost(entry, hostName)) continue;
    const algorithms = ALGORITHMS_BY_KEY_TYPE[entry.keyType] ?? [entry.keyType];
    for (const algorithm of algorithms) {
      const supported = DEFAULT_HOST_KEY_ALGORITHMS.find((candidate) => candidate === algorithm);
      if (supported && !known.includes(supported)) known.push(supported);
    }
  }
  return [...known, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((algorithm) => !known.includes(algorithm))];
}
