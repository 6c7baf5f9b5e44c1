/**
 * Server-side checksums: HASH (draft-bryan-ftpext-hash: FEAT ` HASH SHA-256*;SHA-1;MD5`, chosen
 * with `OPTS HASH`, replied as `213 SHA-256 0-49 <hex> <name>`) and the older X commands
 * (XSHA256, XSHA1, XMD5, XCRC: `250 <hex>`). Pure functions over FEAT and replies.
 */
import type { ServerReply } from '../../src-shared/errors.js';
import type { HashAlgorithm } from '../fs/remote-file-system.js';
import type { Features } from './features.js';

const NAMES: Readonly<Record<HashAlgorithm, { hashName: string; command: string }>> = {
  sha256: { hashName: 'SHA-256', command: 'XSHA256' },
  sha1: { hashName: 'SHA-1', command: 'XSHA1' },
  md5: { hashName: 'MD5', command: 'XMD5' },
  crc32: { hashName: 'CRC32', command: 'XCRC' },
};

const ALGORITHMS = Object.keys(NAMES) as HashAlgorithm[];

export type HashMethod = { kind: 'HASH'; hashName: string } | { kind: 'X'; command: string };

/** The algorithm names listed by FEAT's HASH line; the `*` marks the current one. */
function hashFeatureNames(features: Features): Set<string> {
  const list = features.get('HASH') ?? '';
  return new Set(
    list
      .split(';')
      .map((name) => name.trim().replace(/\*$/, '').toUpperCase())
      .filter(Boolean),
  );
}

export function hashMethod(features: Features, algorithm: HashAlgorithm): HashMethod | null {
  const names = NAMES[algorithm];
  if (hashFeatureNames(features).has(names.hashName)) return { kind: 'HASH', hashName: names.hashName };
  if (features.has(names.command)) return { kind: 'X', command: names.command };
  return null;
}

export function offeredHashes(features: Features): HashAlgorithm[] {
  return ALGORITHMS.filter((algorithm) => hashMethod(features, algorithm) !== null);
}

/** The hex digest in a HASH or X-command reply, lower-case; null when there is none. */
export function parseHashReply(reply: ServerReply): string | null {
  // HASH replies start with the algorithm and byte range before the digest.
  const text = reply.text.replace(/^[A-Z0-9-]+ \d+-\d+ /i, '');
  const digest = /(?:^|\s)([0-9a-fA-F]{8,128})(?:\s|$)/.exec(text);
  return digest ? (digest[1] as string).toLowerCase() : null;
}
