/** FEAT (RFC 2389 §3.2): one feature per line, each starting with a space, e.g. ` MLST size*;type*;`. */
import type { ServerReply } from '../../src-shared/errors.js';

/** Upper-case feature name → its parameters ('' when none). */
export type Features = ReadonlyMap<string, string>;

export function parseFeatures(reply: ServerReply): Features {
  const features = new Map<string, string>();
  if (reply.code < 200 || reply.code >= 300) return features;
  for (const line of reply.text.split('\n')) {
    if (!line.startsWith(' ')) continue;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const space = trimmed.indexOf(' ');
    const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    features.set(name, space === -1 ? '' : trimmed.slice(space + 1).trim());
  }
  return features;
}
