/**
 * Sizes as listings print them: plain digits, digits with thousands separators (IIS, some
 * Windows servers), or human-readable `1.2K`/`3M`/`4G` from `ls -h`-style servers (powers of 1024).
 * Returns -1 for anything else, so callers can tell "not a size" from 0.
 */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

export function parseSize(token: string): number {
  const length = token.length;
  if (length === 0 || length > 24) return -1;
  let value = 0;
  let i = 0;
  let digits = 0;
  for (; i < length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 44 /* , */ && digits > 0 && i + 1 < length) continue;
    else break;
  }
  if (digits === 0) return -1;
  if (i === length) return digits > 15 ? -1 : value;
  return parseSuffixed(token);
}

const SUFFIXED = /^(\d+(?:\.\d+)?)([bkmgtp])(?:i?b)?$/i;

function parseSuffixed(token: string): number {
  const match = SUFFIXED.exec(token);
  if (!match) return -1;
  const multiplier = MULTIPLIERS[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * multiplier);
}
