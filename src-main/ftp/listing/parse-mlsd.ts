import type { EntryType, FileEntry } from '../../../src-shared/model.js';
import { unknownEntry } from './unknown-entry.js';
import { permissionsFromMode } from './unix-mode.js';
import { utcTime } from './utc-time.js';

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
  if (line.length === 0) return null;
  let factsStart = 0;
  if (line.charCodeAt(0) === 32) {
    // MLST replies indent the fact line with one space (RFC 3659 §7.2); MLSD rows without facts start with it.
    const next = line.indexOf(' ', 1);
    const facts = next < 0 ? '' : line.slice(1, next);
    if (facts.includes('=')) factsStart = 1;
    else return namedOnly(line.slice(1), line);
  }
  const space = line.indexOf(' ', factsStart);
  if (space < 0) return unknownEntry(line);
  const name = line.slice(space + 1);
  if (name === '' || name === '.' || name === '..') return name === '' ? unknownEntry(line) : null;

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

  let at = factsStart;
  while (at < space) {
    let end = line.indexOf(';', at);
    if (end < 0 || end > space) end = space;
    const equals = line.indexOf('=', at);
    if (equals > at && equals < end) {
      const fact = line.slice(at, equals).toLowerCase();
      const value = line.slice(equals + 1, end);
      switch (fact) {
        case 'type': {
          const lower = value.toLowerCase();
          if (lower === 'cdir' || lower === 'pdir') return null;
          if (lower === 'file') type = 'file';
          else if (lower === 'dir') type = 'dir';
          else if (
            lower.startsWith('os.unix=slink') ||
            lower.startsWith('os.unix=symlink') ||
            lower === 'slink'
          ) {
            type = 'symlink';
            const colon = value.indexOf(':');
            if (colon >= 0 && colon + 1 < value.length) linkTarget = value.slice(colon + 1);
          } else type = 'other';
          break;
        }
        case 'size':
          size = parseDigits(value);
          break;
        case 'sizd':
          dirSize = parseDigits(value);
          break;
        case 'modify':
          modified = parseFactTime(value);
          break;
        case 'unix.mode': {
          const digits = parseOctal(value);
          if (digits >= 0) mode = digits & 0o7777;
          break;
        }
        case 'unix.owner':
        case 'unix.ownername':
        case 'unix.user':
          // proftpd sends UNIX.owner as a uid and UNIX.ownername as the name; prefer the name.
          if (isAllDigits(value)) ownerId = value;
          else ownerName = value;
          break;
        case 'unix.uid':
          ownerId = value;
          break;
        case 'unix.group':
        case 'unix.groupname':
          if (isAllDigits(value)) groupId = value;
          else groupName = value;
          break;
        case 'unix.gid':
          groupId = value;
          break;
        case 'unix.slink':
        case 'x.slink':
          linkTarget = value;
          break;
        case 'perm':
          perm = value;
          break;
      }
    }
    at = end + 1;
  }

  const entry: FileEntry = {
    name,
    type: type ?? (size !== null ? 'file' : 'unknown'),
    size: size ?? (type === 'dir' ? dirSize : null),
    modified,
  };
  if (mode >= 0) {
    entry.mode = mode;
    entry.permissions = permissionsFromMode(mode);
  } else if (perm !== undefined) {
    // No Unix mode (Windows servers, FileZilla Server): show RFC 3659 perm letters such as "adfrw".
    entry.permissions = perm;
  }
  const owner = ownerName ?? ownerId;
  const group = groupName ?? groupId;
  if (owner !== undefined) entry.owner = owner;
  if (group !== undefined) entry.group = group;
  if (linkTarget !== undefined) {
    entry.linkTarget = linkTarget;
    if (entry.type === 'unknown') entry.type = 'symlink';
  }
  return entry;
}

function namedOnly(name: string, line: string): FileEntry | null {
  if (name === '.' || name === '..') return null;
  if (name === '') return unknownEntry(line);
  return { name, type: 'unknown', size: null, modified: null };
}

/** Every row of an MLSD reply; CRLF or LF line ends. */
export function parseMlsd(text: string): FileEntry[] {
  const entries: FileEntry[] = [];
  const lines = text.split('\n');
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const entry = parseMlsdLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

function isAllDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseDigits(value: string): number | null {
  if (!isAllDigits(value) || value.length > 15) return null;
  return Number(value);
}

function parseOctal(value: string): number {
  if (value.length === 0 || value.length > 7) return -1;
  let mode = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 55) return -1;
    mode = mode * 8 + (c - 48);
  }
  return mode;
}

/** RFC 3659 §2.3 time-val: YYYYMMDDHHMMSS[.sss], always UTC. */
export function parseFactTime(value: string): number | null {
  if (value.length < 14) return null;
  const field = (from: number, length: number): number => {
    let n = 0;
    for (let i = from; i < from + length; i++) {
      const c = value.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      n = n * 10 + (c - 48);
    }
    return n;
  };
  let ms = 0;
  if (value.length > 14) {
    if (value.charCodeAt(14) !== 46 /* . */ || value.length === 15) return null;
    const fraction = value.slice(15);
    if (!isAllDigits(fraction)) return null;
    ms = Math.round(Number(`0.${fraction}`) * 1000);
    if (ms >= 1000) ms = 999;
  }
  const year = field(0, 4);
  const month = field(4, 2);
  const day = field(6, 2);
  const hour = field(8, 2);
  const minute = field(10, 2);
  const second = field(12, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  return utcTime(year, month, day, hour, minute, second, ms);
}
