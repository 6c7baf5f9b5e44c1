import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import { unknownEntry } from './unknown-entry.js';
import { permissionsFromMode } from './unix-mode.js';
import { utcTime } from './utc-time.js';

/**
 * Every row of an MLSD reply; CRLF or LF line ends. Each row is sliced out first (a cheap view of
 * the reply) so the searches below use the native indexOf and still stop at the row's end.
 */
export function parseMlsd(text: string): FileEntry[] {
  const entries: FileEntry[] = [];
  const cache: RowCache = { owner: '', ownerId: '', group: '', groupId: '' };
  const length = text.length;
  let start = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const entry = end > start ? parseMlsdRow(text.slice(start, end), cache) : null;
    if (entry) entries.push(entry);
    start = next;
  }
  return entries;
}

const FACT_TYPE = 1;
const FACT_SIZE = 2;
const FACT_SIZD = 3;
const FACT_MODIFY = 4;
const FACT_MODE = 5;
const FACT_OWNER = 6;
const FACT_UID = 7;
const FACT_GROUP = 8;
const FACT_GID = 9;
const FACT_LINK = 10;
const FACT_PERM = 11;
const FACT_UNIQUE = 12;

/** Lower-case fact names and what they mean; `unix.owner`/`unix.group` hold a uid/gid on proftpd, a name elsewhere. */
const FACTS: ReadonlyArray<readonly [string, number]> = [
  ['type', FACT_TYPE],
  ['size', FACT_SIZE],
  ['sizd', FACT_SIZD],
  ['perm', FACT_PERM],
  ['modify', FACT_MODIFY],
  ['unix.mode', FACT_MODE],
  ['unix.owner', FACT_OWNER],
  ['unix.ownername', FACT_OWNER],
  ['unix.user', FACT_OWNER],
  ['unix.uid', FACT_UID],
  ['unix.group', FACT_GROUP],
  ['unix.groupname', FACT_GROUP],
  ['unix.gid', FACT_GID],
  ['unix.slink', FACT_LINK],
  ['x.slink', FACT_LINK],
  ['unique', FACT_UNIQUE],
];

/** Case-insensitive compare of `text[at, at + word.length)` with a lower-case ASCII word, without slicing. */
function matchesLower(text: string, at: number, end: number, word: string): boolean {
  if (end - at !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    // `| 0x20` lower-cases ASCII letters and leaves `.` and digits as they are.
    if ((text.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** FACTS grouped by name length, so most facts are told apart by one length check and a first letter. */
const FACTS_BY_LENGTH: Array<Array<readonly [string, number]>> = [];
for (const fact of FACTS) (FACTS_BY_LENGTH[fact[0].length] ??= []).push(fact);

function factKind(text: string, at: number, end: number): number {
  const candidates = FACTS_BY_LENGTH[end - at];
  if (candidates === undefined) return 0;
  for (let i = 0; i < candidates.length; i++) {
    const fact = candidates[i] as readonly [string, number];
    if (matchesLower(text, at, end, fact[0])) return fact[1];
  }
  return 0;
}

/** Owner and group of the previous row of one reply: rows mostly share them, so their strings are reused. */
interface RowCache {
  owner: string;
  ownerId: string;
  group: string;
  groupId: string;
}

function sameOrSlice(text: string, start: number, end: number, previous: string): string {
  return end - start === previous.length && text.startsWith(previous, start)
    ? previous
    : text.slice(start, end);
}

/**
 * MLSD / MLST fact lines (RFC 3659 §7): `fact=value;fact=value; name`.
 * Fact names are case-insensitive; the name is everything after the first space, kept exactly
 * (it may hold spaces and semicolons). Servers differ in which facts they send:
 *   proftpd:   modify=…;perm=…;size=…;type=file;unique=…;UNIX.group=1000;UNIX.groupname=staff;UNIX.mode=0644;UNIX.owner=1000;UNIX.ownername=ann; a.txt
 *   pure-ftpd: type=file;size=…;modify=…;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=1000;unique=…; a.txt
 *   symlinks:  type=OS.unix=slink:/target (RFC 3659 §7.5.1 example) or type=OS.unix=symlink
 * Returns null for `cdir`/`pdir`/`.`/`..` rows and blank lines; a row without the space separator
 * comes back as an 'unknown' entry so it is still shown.
 */
export function parseMlsdLine(line: string): FileEntry | null {
  return parseMlsdRow(line, { owner: '', ownerId: '', group: '', groupId: '' });
}

function parseMlsdRow(line: string, cache: RowCache): FileEntry | null {
  const rowEnd = line.length;
  if (rowEnd === 0) return null;
  let factsStart = 0;
  if (line.charCodeAt(0) === 32) {
    // MLST replies indent the fact line with one space (RFC 3659 §7.2); an MLSD row without facts starts with it.
    let next = line.indexOf(' ', 1);
    if (next < 0) next = rowEnd;
    const equals = line.indexOf('=', 1);
    if (equals >= 0 && equals < next) factsStart = 1;
    else return namedOnly(line.slice(1, rowEnd), line);
  }
  const space = line.indexOf(' ', factsStart);
  if (space < 0) return unknownEntry(line);
  const nameStart = space + 1;
  const nameLength = rowEnd - nameStart;
  if (nameLength === 0) return unknownEntry(line);
  if (
    line.charCodeAt(nameStart) === 46 /* . */ &&
    (nameLength === 1 || (nameLength === 2 && line.charCodeAt(nameStart + 1) === 46))
  ) {
    return null;
  }

  let type: EntryType | null = null;
  let size: number | null = null;
  let dirSize: number | null = null;
  let modified: number | null = null;
  let mode = -1;
  let perm: string | undefined;
  let ownerName: string | undefined;
  let ownerId: string | undefined;
  let groupName: string | undefined;
  let groupId: string | undefined;
  let linkTarget: string | undefined;
  // Where the unique fact's value lies: sliced only for folders, the one place it is used.
  let uniqueStart = -1;
  let uniqueEnd = -1;

  let at = factsStart;
  while (at < space) {
    let end = line.indexOf(';', at);
    if (end < 0 || end > space) end = space;
    const equals = line.indexOf('=', at);
    if (equals > at && equals < end) {
      const valueStart = equals + 1;
      switch (factKind(line, at, equals)) {
        case FACT_TYPE:
          if (matchesLower(line, valueStart, end, 'file')) type = 'file';
          else if (matchesLower(line, valueStart, end, 'dir')) type = 'dir';
          else if (matchesLower(line, valueStart, end, 'cdir') || matchesLower(line, valueStart, end, 'pdir'))
            return null;
          else {
            const value = line.slice(valueStart, end);
            const lower = value.toLowerCase();
            if (
              lower.startsWith('os.unix=slink') ||
              lower.startsWith('os.unix=symlink') ||
              lower === 'slink'
            ) {
              type = 'symlink';
              const colon = value.indexOf(':');
              if (colon >= 0 && colon + 1 < value.length) linkTarget = value.slice(colon + 1);
            } else type = 'other';
          }
          break;
        case FACT_SIZE:
          size = decimal(line, valueStart, end);
          break;
        case FACT_SIZD:
          dirSize = decimal(line, valueStart, end);
          break;
        case FACT_MODIFY:
          modified = factTime(line, valueStart, end);
          break;
        case FACT_MODE: {
          const bits = octal(line, valueStart, end);
          if (bits >= 0) mode = bits & 0o7777;
          break;
        }
        // proftpd sends UNIX.owner as a uid and UNIX.ownername as the name; a name wins over a number.
        case FACT_OWNER:
          if (decimal(line, valueStart, end) === null)
            ownerName = cache.owner = sameOrSlice(line, valueStart, end, cache.owner);
          else ownerId = cache.ownerId = sameOrSlice(line, valueStart, end, cache.ownerId);
          break;
        case FACT_UID:
          ownerId = cache.ownerId = sameOrSlice(line, valueStart, end, cache.ownerId);
          break;
        case FACT_GROUP:
          if (decimal(line, valueStart, end) === null)
            groupName = cache.group = sameOrSlice(line, valueStart, end, cache.group);
          else groupId = cache.groupId = sameOrSlice(line, valueStart, end, cache.groupId);
          break;
        case FACT_GID:
          groupId = cache.groupId = sameOrSlice(line, valueStart, end, cache.groupId);
          break;
        case FACT_LINK:
          linkTarget = line.slice(valueStart, end);
          break;
        case FACT_PERM:
          perm = line.slice(valueStart, end);
          break;
        case FACT_UNIQUE:
          uniqueStart = valueStart;
          uniqueEnd = end;
          break;
      }
    }
    at = end + 1;
  }

  const name = line.slice(nameStart, rowEnd);
  const entryType = type ?? (size !== null ? 'file' : 'unknown');
  const entrySize = size ?? (type === 'dir' ? dirSize : null);
  const owner = ownerName ?? ownerId;
  const group = groupName ?? groupId;
  let entry: FileEntry;
  if (mode >= 0 && owner !== undefined && group !== undefined) {
    // The usual Unix-server row as one literal, so V8 keeps every field inside the object.
    const permissions = permissionsFromMode(mode);
    entry = { name, type: entryType, size: entrySize, modified, mode, permissions, owner, group };
  } else {
    entry = { name, type: entryType, size: entrySize, modified };
    if (mode >= 0) {
      entry.mode = mode;
      entry.permissions = permissionsFromMode(mode);
    } else if (perm !== undefined) {
      // No Unix mode (Windows servers, FileZilla Server): show RFC 3659 perm letters such as "adfrw".
      entry.permissions = perm;
    }
    if (owner !== undefined) entry.owner = owner;
    if (group !== undefined) entry.group = group;
  }
  if (entry.type === 'dir' && uniqueEnd > uniqueStart) entry.unique = line.slice(uniqueStart, uniqueEnd);
  if (linkTarget !== undefined) {
    entry.linkTarget = linkTarget;
    if (entry.type === 'unknown') entry.type = 'symlink';
  }
  return entry;
}

function namedOnly(name: string, row: string): FileEntry | null {
  if (name === '.' || name === '..') return null;
  if (name === '') return unknownEntry(row);
  return { name, type: 'unknown', size: null, modified: null };
}

/** Digits only, at most 15 of them (exact as a double); null otherwise. */
function decimal(text: string, start: number, end: number): number | null {
  if (end <= start || end - start > 15) return null;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return value;
}

function octal(text: string, start: number, end: number): number {
  if (end <= start || end - start > 7) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 55) return -1;
    value = value * 8 + (c - 48);
  }
  return value;
}

/** RFC 3659 §2.3 time-val: YYYYMMDDHHMMSS[.sss], always UTC. */
function factTime(text: string, start: number, end: number): number | null {
  if (end - start < 14) return null;
  const year = decimal(text, start, start + 4);
  const month = decimal(text, start + 4, start + 6);
  const day = decimal(text, start + 6, start + 8);
  const hour = decimal(text, start + 8, start + 10);
  const minute = decimal(text, start + 10, start + 12);
  const second = decimal(text, start + 12, start + 14);
  if (year === null || month === null || day === null || hour === null || minute === null || second === null)
    return null;
  let ms = 0;
  if (end - start > 14) {
    // Fractions of a second: ".5" is 500 ms, ".123456" is 123 ms.
    if (text.charCodeAt(start + 14) !== 46 /* . */ || end - start === 15) return null;
    let scale = 100;
    for (let i = start + 15; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      ms += (c - 48) * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  return utcTime(year, month, day, hour, minute, second, ms);
}

/** `modify=` time value to epoch ms (also MDTM replies, which use the same format); null when malformed. */
export function parseFactTime(value: string): number | null {
  return factTime(value, 0, value.length);
}
