/**
 * Type-to-find: letters typed quickly build a prefix; the first name starting with it
 * (case-insensitive) from the focused row on is focused. A pause resets the prefix.
 */
export const TYPE_TO_FIND_RESET_MS = 900;

export interface FindState {
  prefix: string;
  lastKeyAt: number;
}

export function nextFindState(state: FindState, key: string, now: number): FindState {
  const prefix = now - state.lastKeyAt > TYPE_TO_FIND_RESET_MS ? key : state.prefix + key;
  return { prefix, lastKeyAt: now };
}

export function findByPrefix(names: readonly string[], prefix: string, from: number): number {
  if (!prefix || names.length === 0) return -1;
  const needle = prefix.toLowerCase();
  // Repeating one letter cycles through names starting with it, as in Explorer and Finder.
  const cycling = needle.length > 1 && [...needle].every((c) => c === needle[0]);
  const search = cycling ? (needle[0] ?? needle) : needle;
  const start = cycling ? from + 1 : Math.max(0, from);
  for (let i = 0; i < names.length; i++) {
    const index = (start + i) % names.length;
    if ((names[index] ?? '').toLowerCase().startsWith(search)) return index;
  }
  return -1;
}
