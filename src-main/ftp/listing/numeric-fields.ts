/**
 * Reads fields like `12:34`, `2003/12/12`, `05-12-97`, `28-JUN-1996` part by part without
 * allocating: the numbers land in shared typed arrays that the caller reads right away.
 */
export const numbers = new Int32Array(5);
export const digitCounts = new Int32Array(5);
export const separators = new Int32Array(5);
/** Where `splitNumbers` stopped: the first character that was neither a digit nor a separator. */
export let numbersEnd = 0;

const isSeparator = (c: number): boolean => c === 45 || c === 47 || c === 46 || c === 58; // - / . :

/**
 * Splits `line[start, end)` into up to 5 digit groups joined by single `-`, `/`, `.` or `:`.
 * Stops at any other character (the caller decides whether a suffix such as `PM` is fine).
 * Returns the number of groups, 0 when the field does not start with a digit.
 */
export function splitNumbers(line: string, start: number, end: number): number {
  let count = 0;
  let i = start;
  while (i < end && count < 5) {
    let value = 0;
    let digits = 0;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (digits < 9) value = value * 10 + (c - 48);
      digits++;
      i++;
    }
    if (digits === 0) break;
    numbers[count] = value;
    digitCounts[count] = digits;
    separators[count] = 0;
    count++;
    if (i + 1 < end && isSeparator(line.charCodeAt(i))) {
      const next = line.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) {
        separators[count - 1] = line.charCodeAt(i);
        i++;
        continue;
      }
    }
    break;
  }
  numbersEnd = i;
  return count;
}

/** The separator after group `index` (0 after the last); a call, so type narrowing never goes stale between splits. */
export function separatorAt(index: number): number {
  return separators[index] ?? 0;
}
