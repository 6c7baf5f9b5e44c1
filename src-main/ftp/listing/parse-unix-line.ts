import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import type { ListingContext } from './listing-context.js';
import type { LineTokens } from './line-tokens.js';
import { lsDate, readLsDate } from './ls-date.js';
import { parseSize } from './parse-size.js';
import { modeFromPermissions, permissionsFromMode } from './unix-mode.js';

/** The first letter of `ls -l` permissions: what kind of entry the row is. */
function typeFromLetter(c: number): EntryType | null {
  switch (c) {
    case 45: // -
      return 'file';
    case 100: // d
      return 'dir';
    case 108: // l
      return 'symlink';
    case 99: // c  character device
    case 98: // b  block device
    case 112: // p  fifo
    case 115: // s  socket
    case 68: // D  Solaris door
    case 110: // n  HP-UX network special
      return 'other';
    default:
      return null;
  }
}

/**
 * One row of `ls -l` output as vsftpd, proftpd, pure-ftpd and most Unix servers send it:
 *   drwxr-xr-x   2 owner group   4096 Mar 10 12:34 name
 * Variants: no link count, no group, numeric permissions (`755`), ACL/xattr markers (`+`, `@`, `.`),
 * `major, minor` instead of a size for devices, `1.2K` sizes, localized months, `a -> b` symlinks.
 * The name is everything after the single space that follows the date, so names keep their own
 * leading and inner spaces.
 */
export function parseUnixLine(t: LineTokens, context: ListingContext): FileEntry | null {
  if (t.count < 5) return null;
  const line = t.line;
  const permStart = t.start(0);
  const permLength = t.length(0);
  let type: EntryType | null;
  let mode: number;
  let permissions: string;
  if (permLength === 10 || permLength === 11) {
    type = typeFromLetter(line.charCodeAt(permStart));
    if (type === null) return null;
    mode = modeFromPermissions(line, permStart + 1);
    if (mode < 0) return null;
    permissions = permissionsFromMode(mode);
  } else if ((permLength === 3 || permLength === 4) && isOctal(line, permStart, permLength)) {
    mode = parseInt(line.slice(permStart, permStart + permLength), 8);
    permissions = permissionsFromMode(mode);
    type = 'file';
  } else return null;

  // The date sits after at least one field (the size); owner and group names cannot hold a date triple.
  let dateIndex = -1;
  let sizeIndex = -1;
  let size: number | null = null;
  for (let i = 2; i <= t.count - 3; i++) {
    if (!readLsDate(t, i, context)) continue;
    if (type === 'other' && i >= 3 && line.charCodeAt(t.end(i - 2) - 1) === 44 /* , */) {
      // Devices: `1,   3` (major, minor) instead of a size.
      sizeIndex = i - 2;
    } else if (type === 'other' && t.text(i - 1).includes(',')) {
      sizeIndex = i - 1;
    } else {
      let parsed = t.integer(i - 1);
      if (parsed < 0) parsed = parseSize(t.text(i - 1));
      if (parsed < 0) continue;
      size = parsed;
      sizeIndex = i - 1;
    }
    dateIndex = i;
    break;
  }
  if (dateIndex < 0) return null;

  const nameStart = t.end(lsDate.last) + 1;
  if (nameStart >= t.lineEnd) return null;
  let name = line.slice(nameStart, t.lineEnd);

  // Fields between permissions and size: [links] owner [group].
  let owner: string | undefined;
  let group: string | undefined;
  let field = 1;
  if (field < sizeIndex && t.isDigits(field)) field++;
  if (field < sizeIndex) owner = context.lastOwner = sameOrSlice(t, field++, context.lastOwner);
  if (field === sizeIndex - 1) group = context.lastGroup = sameOrSlice(t, field, context.lastGroup);
  // Windows-hosted servers print groups with spaces ("Domain Users").
  else if (field < sizeIndex) group = line.slice(t.start(field), t.end(sizeIndex - 1));

  // One literal per shape instead of adding properties later: V8 then keeps every field inside
  // the object (no extra property store per row), which the 100k-row profile showed as GC time.
  const modified = lsDate.time;
  const entry: FileEntry =
    owner !== undefined && group !== undefined
      ? { name, type, size, modified, permissions, mode, owner, group }
      : owner !== undefined
        ? { name, type, size, modified, permissions, mode, owner }
        : { name, type, size, modified, permissions, mode };

  if (type === 'symlink') {
    const arrow = name.indexOf(' -> ');
    if (arrow >= 0) {
      entry.linkTarget = name.slice(arrow + 4);
      name = name.slice(0, arrow);
      entry.name = name;
    }
  }
  return entry;
}

/** The field's text, or `previous` when the field holds the same characters (no new string). */
function sameOrSlice(t: LineTokens, index: number, previous: string): string {
  const start = t.start(index);
  return t.length(index) === previous.length && t.line.startsWith(previous, start) ? previous : t.text(index);
}

function isOctal(line: string, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 55) return false;
  }
  return true;
}
