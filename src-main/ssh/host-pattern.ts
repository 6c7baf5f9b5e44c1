/**
 * OpenSSH host patterns (ssh_config(5) PATTERNS, sshd(8) known_hosts): `*` and `?`
 * wildcards, `!` negation, comma-separated lists. Host names compare case-insensitively.
 */

/** True when `text` matches one glob pattern (`*` any run, `?` one character). */
export function matchGlob(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  // Iterative glob with single backtrack point: linear enough for host names, no regex escaping.
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const pc = p[pi];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === t[ti])) {
      pi += 1;
      ti += 1;
    } else if (pc === '*') {
      starP = pi;
      starT = ti;
      pi += 1;
    } else if (starP >= 0) {
      pi = starP + 1;
      starT += 1;
      ti = starT;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
}

/**
 * A pattern list matches when some positive pattern matches and no negated one does
 * (a negated match wins outright, as in OpenSSH's match_pattern_list).
 */
export function matchPatternList(patterns: readonly string[], text: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    if (raw.startsWith('!')) {
      if (matchGlob(raw.slice(1), text)) return false;
    } else if (matchGlob(raw, text)) {
      matched = true;
    }
  }
  return matched;
}
