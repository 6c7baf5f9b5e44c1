import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import type { LineTokens } from './line-tokens.js';
import { digitCounts, numbers, numbersEnd, separators, splitNumbers } from './numeric-fields.js';
import { parseSize } from './parse-size.js';
import { expandYear, utcTime } from './utc-time.js';

const DIR_MARKERS: ReadonlyMap<string, EntryType> = new Map<string, EntryType>([
  ['<DIR>', 'dir'],
  ['<JUNCTION>', 'symlink'],
  ['<SYMLINK>', 'symlink'],
  ['<SYMLINKD>', 'symlink'],
]);

/**
 * IIS and other Windows servers in "MS-DOS" listing style, and FileZilla Server's old format:
 *   04-27-00  09:09PM       <DIR>          licensed
 *   11-15-2022  14:02                 1,234 readme.txt
 * Dates are MM-DD-YY or MM-DD-YYYY (DD-MM when the first number cannot be a month, DD.MM.YYYY with dots,
 * YYYY-MM-DD too),
 * times are 12-hour with AM/PM (also `a`/`p` from old `dir`) or 24-hour.
 */
export function parseDosLine(t: LineTokens): FileEntry | null {
  if (t.count < 4) return null;
  const line = t.line;
  const c0 = line.charCodeAt(t.start(0));
  if (c0 < 48 || c0 > 57) return null;
  if (splitNumbers(line, t.start(0), t.end(0)) !== 3 || numbersEnd !== t.end(0)) return null;
  if (separators[0] !== separators[1] || separators[0] === 58 /* : */) return null;
  let year: number;
  let month: number;
  let day: number;
  if (digitCounts[0] === 4) {
    year = numbers[0] ?? 0;
    month = numbers[1] ?? 0;
    day = numbers[2] ?? 0;
  } else if (separators[0] === 46 /* . */) {
    // Dots are the European order (German, Russian Windows): DD.MM.YYYY.
    day = numbers[0] ?? 0;
    month = numbers[1] ?? 0;
    year = expandYear(numbers[2] ?? 0);
  } else {
    month = numbers[0] ?? 0;
    day = numbers[1] ?? 0;
    year = expandYear(numbers[2] ?? 0);
    if (month > 12 && day <= 12) [month, day] = [day, month];
  }

  // Time, with the AM/PM either glued on (09:09PM) or as its own field.
  let index = 1;
  const timeEnd = t.end(index);
  if (splitNumbers(line, t.start(index), timeEnd) < 2 || separators[0] !== 58) return null;
  let hour = numbers[0] ?? 0;
  const minute = numbers[1] ?? 0;
  let suffix = line.slice(numbersEnd, timeEnd).toUpperCase();
  index++;
  if (suffix === '') {
    const next = t.text(index).toUpperCase();
    if (next === 'AM' || next === 'PM') {
      suffix = next;
      index++;
    }
  }
  if (suffix === 'PM' || suffix === 'P') {
    if (hour > 12) return null;
    if (hour < 12) hour += 12;
  } else if (suffix === 'AM' || suffix === 'A') {
    if (hour > 12) return null;
    if (hour === 12) hour = 0;
  } else if (suffix !== '') return null;

  if (index >= t.count - 1) return null;
  const sizeText = t.text(index);
  const marker = DIR_MARKERS.get(sizeText.toUpperCase());
  let type: EntryType = 'file';
  let size: number | null = null;
  if (marker) type = marker;
  else {
    size = parseSize(sizeText);
    if (size < 0) return null;
  }
  const modified = utcTime(year, month, day, hour, minute);
  if (modified === null) return null;
  let name = t.restAfter(index);
  if (name === '') return null;
  const entry: FileEntry = { name, type, size, modified };
  // Junctions print their target in brackets: "name [C:\target]".
  if (type === 'symlink' && name.endsWith(']')) {
    const open = name.lastIndexOf(' [');
    if (open > 0) {
      entry.linkTarget = name.slice(open + 2, -1);
      name = name.slice(0, open);
      entry.name = name;
    }
  }
  return entry;
}
