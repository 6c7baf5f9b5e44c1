import type { FileEntry } from '../../../src-shared/model.js';
import type { LineTokens } from './line-tokens.js';
import { numbers, numbersEnd, separatorAt, splitNumbers } from './numeric-fields.js';
import { expandYear, utcTime } from './utc-time.js';

/**
 * OS/2 FTP servers (and some old Windows ones in OS/2 mode):
 *        0           DIR   05-12-97   16:44  PSFONTS
 *    36611      A          04-23-103  10:57  OS2KRNL
 * Size, attribute letters (A, H, S, R, DIR), MM-DD-YY date (years past 1999 as 100+), HH:MM, name.
 */
export function parseOs2Line(t: LineTokens): FileEntry | null {
  if (t.count < 4 || !t.isDigits(0)) return null;
  const size = t.integer(0);
  if (size < 0) return null;
  const line = t.line;
  let index = 1;
  let isDir = false;
  // Up to two attribute fields, letters only.
  while (index < t.count && index <= 2 && isAttributes(t, index)) {
    if (t.length(index) === 3 && t.text(index) === 'DIR') isDir = true;
    index++;
  }
  if (index + 2 > t.count - 1) return null;
  const dateEnd = t.end(index);
  if (splitNumbers(line, t.start(index), dateEnd) !== 3 || numbersEnd !== dateEnd) return null;
  if (separatorAt(0) !== 45 || separatorAt(1) !== 45) return null;
  const month = numbers[0] ?? 0;
  const day = numbers[1] ?? 0;
  const year = expandYear(numbers[2] ?? 0);
  const timeEnd = t.end(index + 1);
  if (
    splitNumbers(line, t.start(index + 1), timeEnd) !== 2 ||
    numbersEnd !== timeEnd ||
    separatorAt(0) !== 58
  )
    return null;
  const modified = utcTime(year, month, day, numbers[0] ?? 0, numbers[1] ?? 0);
  if (modified === null) return null;
  const name = t.restAfter(index + 1);
  if (name === '') return null;
  return { name, type: isDir ? 'dir' : 'file', size: isDir ? null : size, modified };
}

function isAttributes(t: LineTokens, index: number): boolean {
  const length = t.length(index);
  if (length === 0 || length > 4) return false;
  for (let i = 0; i < length; i++) {
    const c = t.code(index, i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}
