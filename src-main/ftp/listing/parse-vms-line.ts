import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import type { LineTokens } from './line-tokens.js';
import { monthAt } from './month-names.js';
import { numbers, numbersEnd, separators, splitNumbers } from './numeric-fields.js';
import { expandYear, utcTime } from './utc-time.js';
import { indexOfCode, lastIndexOfCode } from './index-of-code.js';

/** VMS sizes are in 512-byte blocks (used/allocated); the used count is what the file holds. */
const BLOCK = 512;

/**
 * OpenVMS (MultiNet, TCPware, UCX / TCP/IP Services):
 *   1-README.TXT;2      1/3    28-JUN-1996 13:05:12  [GROUP,OWNER]  (RWED,RWED,RE,RE)
 *   AXP.DIR;1           1/3    28-JUN-1996 13:07:57  [SYSTEM]       (RWE,RWE,RE,RE)
 * The `;version` is stripped and `X.DIR` is the folder `X`. A long name that does not fit its
 * column stands alone on one row and the rest follows on the next; `parseListing` joins them.
 */
export function parseVmsLine(t: LineTokens): FileEntry | null {
  if (t.count < 2) return null;
  const line = t.line;
  const nameStart = t.start(0);
  const nameEnd = vmsNameEnd(line, nameStart, t.end(0));
  if (nameEnd < 0) return null;
  let name = line.slice(nameStart, nameEnd);
  let type: EntryType = 'file';
  if (name.length > 4 && name.slice(-4).toUpperCase() === '.DIR') {
    type = 'dir';
    name = name.slice(0, -4);
  }

  // No privilege to read the attributes: "%RMS-E-PRV, insufficient privilege or file protection violation".
  if (t.code(1, 0) === 37 /* % */) return { name, type, size: null, modified: null };

  let index = 1;
  let size: number | null = null;
  const sizeEnd = t.end(index);
  const parts = splitNumbers(line, t.start(index), sizeEnd);
  if (parts > 0 && numbersEnd === sizeEnd && (parts === 1 || (parts === 2 && separators[0] === 47))) {
    size = (numbers[0] ?? 0) * BLOCK;
    index++;
  }
  if (index >= t.count) return null;
  const date = readVmsDate(t, index);
  if (date === null) return null;
  let modified = date;
  index++;
  if (index < t.count) {
    const timeEnd = t.end(index);
    const timeParts = splitNumbers(line, t.start(index), timeEnd);
    if (timeParts >= 2 && numbersEnd === timeEnd && separators[0] === 58) {
      const hours = numbers[0] ?? 0;
      const minutes = numbers[1] ?? 0;
      const seconds = timeParts >= 3 ? (numbers[2] ?? 0) : 0;
      if (hours > 23 || minutes > 59 || seconds > 59) return null;
      modified += ((hours * 60 + minutes) * 60 + seconds) * 1000;
      index++;
    }
  }
  const entry: FileEntry = { name, type, size, modified };
  if (index < t.count) {
    const rest = line.slice(t.start(index), t.lineEnd);
    const open = rest.indexOf('[');
    const close = rest.indexOf(']', open + 1);
    if (open >= 0 && close > open) {
      const owner = rest.slice(open + 1, close);
      const comma = owner.indexOf(',');
      if (comma >= 0) {
        entry.group = owner.slice(0, comma).trim();
        entry.owner = owner.slice(comma + 1).trim();
      } else entry.owner = owner.trim();
    }
    const protectionOpen = rest.indexOf('(');
    const protectionClose = rest.indexOf(')', protectionOpen + 1);
    if (protectionOpen >= 0 && protectionClose > protectionOpen) {
      entry.permissions = rest.slice(protectionOpen + 1, protectionClose);
    }
  }
  return entry;
}

/** End of the name without `;version`, or -1 when the field is not `NAME.EXT;N`. */
function vmsNameEnd(line: string, start: number, end: number): number {
  const semicolon = lastIndexOfCode(line, 59 /* ; */, start, end);
  if (semicolon <= start || semicolon >= end - 1) return -1;
  for (let i = semicolon + 1; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return semicolon;
}

/** A row holding only a VMS file name: the first half of a wrapped entry. */
export function isLoneVmsName(t: LineTokens): boolean {
  return t.count === 1 && vmsNameEnd(t.line, t.start(0), t.end(0)) > 0;
}

/** DD-MMM-YYYY (also DD-MMM-YY) at midnight UTC, or null. */
function readVmsDate(t: LineTokens, index: number): number | null {
  const line = t.line;
  const start = t.start(index);
  const end = t.end(index);
  const firstDash = indexOfCode(line, 45 /* - */, start, end);
  if (firstDash <= start) return null;
  const secondDash = indexOfCode(line, 45 /* - */, firstDash + 1, end);
  if (secondDash < 0) return null;
  if (splitNumbers(line, start, firstDash) !== 1 || numbersEnd !== firstDash) return null;
  const day = numbers[0] ?? 0;
  const month = monthAt(line, firstDash + 1, secondDash);
  if (month === 0) return null;
  if (splitNumbers(line, secondDash + 1, end) !== 1 || numbersEnd !== end) return null;
  return utcTime(expandYear(numbers[0] ?? 0), month, day);
}
