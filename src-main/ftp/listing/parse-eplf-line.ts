import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import type { LineTokens } from './line-tokens.js';
import { permissionsFromMode } from './unix-mode.js';
import { indexOfCode } from './index-of-code.js';

/**
 * EPLF (Easily Parsed LIST Format, D. J. Bernstein; publicfile, anonftpd):
 *   +i8388621.29609,m824255902,/,\tdev
 *   +i8388621.44468,m839956783,r,s10376,\tRFCEPLF
 * Facts between `+` and the tab: `/` folder, `r` retrievable file, `s` size, `m` mtime in Unix
 * seconds (UTC by definition), `up` octal permissions, `i` identity (ignored). The name is
 * everything after the tab.
 */
export function parseEplfLine(t: LineTokens): FileEntry | null {
  const line = t.line;
  const start = t.lineStart;
  if (line.charCodeAt(start) !== 43 /* + */) return null;
  const tab = indexOfCode(line, 9 /* tab */, start, t.lineEnd);
  if (tab < 0 || tab >= t.lineEnd - 1) return null;
  let type: EntryType = 'unknown';
  let size: number | null = null;
  let modified: number | null = null;
  let mode = -1;
  let at = start + 1;
  while (at < tab) {
    let end = indexOfCode(line, 44 /* , */, at, tab);
    if (end < 0) end = tab;
    const kind = line.charCodeAt(at);
    if (kind === 47 /* / */) type = 'dir';
    else if (kind === 114 /* r */ && type === 'unknown') type = 'file';
    else if (kind === 115 /* s */) size = digitsValue(line, at + 1, end, 10);
    else if (kind === 109 /* m */) {
      const seconds = digitsValue(line, at + 1, end, 10);
      modified = seconds === null ? null : seconds * 1000;
    } else if (kind === 117 /* u */ && line.charCodeAt(at + 1) === 112 /* p */) {
      mode = digitsValue(line, at + 2, end, 8) ?? -1;
    }
    at = end + 1;
  }
  const entry: FileEntry = { name: line.slice(tab + 1, t.lineEnd), type, size, modified };
  if (mode >= 0 && mode <= 0o7777) {
    entry.mode = mode;
    entry.permissions = permissionsFromMode(mode);
  }
  return entry;
}

function digitsValue(line: string, start: number, end: number, radix: number): number | null {
  if (end <= start || end - start > 15) return null;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit >= radix) return null;
    value = value * radix + digit;
  }
  return value;
}
