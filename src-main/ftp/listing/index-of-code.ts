/**
 * `text.indexOf(char, from)` that stops at `end`. Rows are read in place inside the whole
 * listing, and a native indexOf for a character missing from the row would run on through
 * every row after it: with a hostile listing of rows lacking that character, parsing turns quadratic.
 */
export function indexOfCode(text: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Like `lastIndexOf` over `[start, end)`, searching backwards from `end - 1`. */
export function lastIndexOfCode(text: string, code: number, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}
