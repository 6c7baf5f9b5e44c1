/** SFTP attributes (and OpenSSH's `ls -l` style longname) as Ferry's FileEntry. */
import type { EntryType, FileEntry } from '../../src-shared/model.js';

/** The attribute fields a v3 server may or may not send (flags decide; ssh2 leaves absent ones undefined). */
export interface SftpAttrs {
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  atime?: number;
  mtime?: number;
}

const S_IFMT = 0o170000;
const TYPE_BY_FORMAT: ReadonlyMap<number, EntryType> = new Map([
  [0o100000, 'file'],
  [0o040000, 'dir'],
  [0o120000, 'symlink'],
]);
const FORMAT_LETTER: ReadonlyMap<number, string> = new Map([
  [0o100000, '-'],
  [0o040000, 'd'],
  [0o120000, 'l'],
  [0o020000, 'c'],
  [0o060000, 'b'],
  [0o010000, 'p'],
  [0o140000, 's'],
]);

export function entryTypeOf(mode: number | undefined): EntryType {
  if (mode === undefined) return 'unknown';
  return TYPE_BY_FORMAT.get(mode & S_IFMT) ?? 'other';
}

/** `rwxr-xr-x`, with setuid/setgid/sticky folded in as `ls` shows them. */
export function permissionString(mode: number): string {
  const triplet = (bits: number, special: boolean, specialChar: string): string => {
    const r = bits & 4 ? 'r' : '-';
    const w = bits & 2 ? 'w' : '-';
    const x = bits & 1;
    const xChar = special ? (x ? specialChar : specialChar.toUpperCase()) : x ? 'x' : '-';
    return r + w + xChar;
  };
  return (
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** The `d`/`-`/`l` letter `ls -l` starts a line with. */
export function typeLetter(mode: number): string {
  return FORMAT_LETTER.get(mode & S_IFMT) ?? '?';
}

/**
 * Owner and group names from a longname: v3 attributes carry only numeric ids, but
 * OpenSSH's longname is `ls -l` output (`-rw-r--r--  1 alice staff 42 Jan 1 00:00 name`).
 */
export function ownerGroupFromLongname(longname: string): { owner: string; group: string } | null {
  const fields = longname.trim().split(/\s+/, 4);
  const owner = fields[2];
  const group = fields[3];
  if (fields.length < 4 || owner === undefined || group === undefined) return null;
  if (!/^[-dlcbps?][-rwxsStT]{9}/.test(fields[0] ?? '')) return null;
  return { owner, group };
}

export function toFileEntry(name: string, attrs: SftpAttrs, longname?: string): FileEntry {
  const entry: FileEntry = {
    name,
    type: entryTypeOf(attrs.mode),
    size: attrs.size ?? null,
    modified: attrs.mtime === undefined ? null : attrs.mtime * 1000,
  };
  if (attrs.mode !== undefined) {
    entry.mode = attrs.mode & 0o7777;
    entry.permissions = permissionString(attrs.mode);
  }
  const names = longname ? ownerGroupFromLongname(longname) : null;
  if (names) {
    entry.owner = names.owner;
    entry.group = names.group;
  } else {
    if (attrs.uid !== undefined) entry.owner = String(attrs.uid);
    if (attrs.gid !== undefined) entry.group = String(attrs.gid);
  }
  return entry;
}
