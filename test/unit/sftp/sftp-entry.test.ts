import { describe, expect, it } from 'vitest';
import { ownerGroupFromLongname, permissionString, toFileEntry } from '../../../src-main/sftp/sftp-entry.js';

describe('permissionString', () => {
  it.each([
    { mode: 0o100644, expected: 'rw-r--r--' },
    { mode: 0o040755, expected: 'rwxr-xr-x' },
    { mode: 0o104755, expected: 'rwsr-xr-x' },
    { mode: 0o102644, expected: 'rw-r-Sr--' },
    { mode: 0o041777, expected: 'rwxrwxrwt' },
    { mode: 0o041776, expected: 'rwxrwxrwT' },
    { mode: 0o000, expected: '---------' },
  ])('$mode → $expected', ({ mode, expected }) => {
    expect(permissionString(mode)).toBe(expected);
  });
});

describe('ownerGroupFromLongname', () => {
  it.each([
    {
      title: 'OpenSSH file',
      longname: '-rw-r--r--    1 alice    staff        42 Jan  1 00:00 a.txt',
      expected: { owner: 'alice', group: 'staff' },
    },
    {
      title: 'numeric ids',
      longname: 'drwxr-xr-x    2 1001     1001       4096 Jan  1 00:00 dir',
      expected: { owner: '1001', group: '1001' },
    },
    { title: 'not ls -l', longname: 'a.txt', expected: null },
    { title: 'empty', longname: '', expected: null },
  ])('$title', ({ longname, expected }) => {
    expect(ownerGroupFromLongname(longname)).toEqual(expected);
  });
});

describe('toFileEntry', () => {
  it('maps attributes, names from the longname, and seconds to milliseconds', () => {
    const entry = toFileEntry(
      'link',
      { mode: 0o120777, uid: 1000, gid: 1000, size: 7, mtime: 1_700_000_000 },
      'lrwxrwxrwx    1 bob      users         7 Nov 14 22:13 link -> target',
    );
    expect(entry).toEqual({
      name: 'link',
      type: 'symlink',
      size: 7,
      modified: 1_700_000_000_000,
      mode: 0o777,
      permissions: 'rwxrwxrwx',
      owner: 'bob',
      group: 'users',
    });
  });

  it('falls back to numeric ids and unknowns when the server sends little', () => {
    expect(toFileEntry('x', { uid: 5, gid: 6 })).toEqual({
      name: 'x',
      type: 'unknown',
      size: null,
      modified: null,
      owner: '5',
      group: '6',
    });
    expect(toFileEntry('fifo', { mode: 0o010644 }).type).toBe('other');
  });
});
