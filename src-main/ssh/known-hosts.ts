/**
 * known_hosts files as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes them: optional
 * marker, host patterns (or a hashed `|1|salt|hmac` name), key type, base64 key blob.
 * Pure parsing and matching; reading and appending files lives in known-hosts-store.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyBlobType } from './fingerprint.js';
import { matchPatternList } from './host-pattern.js';

export type KnownHostMarker = 'cert-authority' | 'revoked' | null;

export interface KnownHostEntry {
  marker: KnownHostMarker;
  /** The host field as written: patterns, or a hashed name. */
  hosts: string;
  keyType: string;
  keyBlob: Buffer;
  /** Where it came from, for messages ("line 12 of ~/.ssh/known_hosts"). */
  file: string;
  line: number;
}

export type HostKeyVerdict =
  | { status: 'trusted'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'changed'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry };

const HASH_MAGIC = '|1|';

/** The name a host is filed under: bare for port 22, `[host]:port` otherwise (sshd(8)). */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Every well-formed key line; malformed or SSH-1 lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const trimmed = (lines[index] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostMarker = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@cert-authority') marker = 'cert-authority';
      else if (name === '@revoked') marker = 'revoked';
      else continue;
    }
    const [hosts, keyType, base64] = fields;
    if (hosts === undefined || keyType === undefined || base64 === undefined) continue;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const keyBlob = Buffer.from(base64, 'base64');
    // A blob that names another type than its line says is corrupt: never match on it.
    if (keyBlobType(keyBlob) !== keyType) continue;
    entries.push({ marker, hosts, keyType, keyBlob, file, line: index + 1 });
  }
  return entries;
}

/** Does this entry's host field name `hostName` (already in `[host]:port` form when needed)? */
export function entryMatchesHost(entry: KnownHostEntry, hostName: string): boolean {
  if (entry.hosts.startsWith(HASH_MAGIC)) return hashedNameMatches(entry.hosts, hostName);
  return matchPatternList(entry.hosts.split(','), hostName);
}

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, as `ssh-keygen -H` writes it. */
export function hashedNameMatches(field: string, hostName: string): boolean {
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2) return false;
  const salt = Buffer.from(parts[0] ?? '', 'base64');
  const expected = Buffer.from(parts[1] ?? '', 'base64');
  if (salt.length !== 20 || expected.length !== 20) return false;
  const actual = createHmac('sha1', salt).update(hostName.toLowerCase()).digest();
  return timingSafeEqual(actual, expected);
}

/** Hash a host name the way `ssh-keygen -H` does, with the given 20-byte salt. */
export function hashHostName(hostName: string, salt: Buffer): string {
  const digest = createHmac('sha1', salt).update(hostName.toLowerCase()).digest();
  return `${HASH_MAGIC}${salt.toString('base64')}|${digest.toString('base64')}`;
}

/**
 * What the known keys say about `keyBlob` offered by host:port. A revoked key is refused
 * wherever it appears; a different key of the same type under the same name is a changed
 * key (possible man-in-the-middle); a host known only under other key types is unknown.
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyBlob: Buffer,
): HostKeyVerdict {
  const hostName = knownHostName(host.toLowerCase(), port);
  const keyType = keyBlobType(keyBlob);
  let changed: KnownHostEntry | undefined;
  for (const entry of entries) {
    if (entry.marker === 'revoked' && entry.keyBlob.equals(keyBlob)) return { status: 'revoked', entry };
  }
  for (const entry of entries) {
    if (entry.marker !== null || !entryMatchesHost(entry, hostName)) continue;
    if (entry.keyBlob.equals(keyBlob)) return { status: 'trusted', entry };
    if (entry.keyType === keyType) changed ??= entry;
  }
  return changed ? { status: 'changed', entry: changed } : { status: 'unknown' };
}

/** One known_hosts line for Ferry's own file (plain names: it is Ferry's, readable by the user). */
export function formatKnownHostLine(host: string, port: number, keyBlob: Buffer): string {
  return `${knownHostName(host.toLowerCase(), port)} ${keyBlobType(keyBlob)} ${keyBlob.toString('base64')}\n`;
}
