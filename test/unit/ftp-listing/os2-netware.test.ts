import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture, utc } from './read-fixture.js';

const rows: Array<{ title: string; input: string; expected: FileEntry }> = [
  {
    title: 'OS/2 directory',
    input: '     0           DIR   05-12-97   16:44  PSFONTS',
    expected: { name: 'PSFONTS', type: 'dir', size: null, modified: utc('1997-05-12 16:44') },
  },
  {
    title: 'OS/2 file with a 3-digit year (2003)',
    input: ' 36611      A          04-23-103  10:57  OS2KRNL',
    expected: { name: 'OS2KRNL', type: 'file', size: 36611, modified: utc('2003-04-23 10:57') },
  },
  {
    title: 'OS/2 two attribute columns and a name with spaces',
    input: '   512      A    HS    11-30-99   23:59  Long Name With Spaces.TXT',
    expected: {
      name: 'Long Name With Spaces.TXT',
      type: 'file',
      size: 512,
      modified: utc('1999-11-30 23:59'),
    },
  },
  {
    title: 'NetWare directory',
    input: 'd [RWCEAFMS] Admin                     512 Jul 14  2001 Public',
    expected: {
      name: 'Public',
      type: 'dir',
      size: 512,
      modified: utc('2001-07-14 00:00'),
      permissions: 'RWCEAFMS',
      owner: 'Admin',
    },
  },
  {
    title: 'NetWare file with a recent date',
    input: '- [R----F--] supervisor               1234 Jan 16 18:53 login.txt',
    expected: {
      name: 'login.txt',
      type: 'file',
      size: 1234,
      modified: utc('2026-01-16 18:53'),
      permissions: 'R----F--',
      owner: 'supervisor',
    },
  },
  {
    title: 'NetWare rights glued to the type, padded name',
    input: '-[RW------] jdoe                     40960 Nov  2 09:15    spaced name.doc',
    expected: {
      name: 'spaced name.doc',
      type: 'file',
      size: 40960,
      modified: utc('2026-11-02 09:15'),
      permissions: 'RW------',
      owner: 'jdoe',
    },
  },
];

describe('parseListing: OS/2 and NetWare', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })).toEqual([expected]);
  });

  it.each([
    { file: 'os2.txt', count: 4 },
    { file: 'netware.txt', count: 4 },
  ])('$file parses every row', ({ file, count }) => {
    const entries = parseListing(readFixture(file), { now: NOW });
    expect(entries.filter((entry) => entry.type === 'unknown')).toEqual([]);
    expect(entries).toHaveLength(count);
  });
});

describe('parseListing: mixed and hostile input', () => {
  it('detects the format per row and keeps garbage rows', () => {
    const entries = parseListing(readFixture('mixed.txt'), { now: NOW });
    expect(entries.map((entry) => [entry.name, entry.type])).toEqual([
      ['pub', 'dir'],
      ['licensed', 'dir'],
      ['this is not a listing line', 'unknown'],
      ['after garbage', 'file'],
    ]);
  });

  it('empty input gives no entries', () => {
    expect(parseListing('', { now: NOW })).toEqual([]);
    expect(parseListing('\r\n\r\n', { now: NOW })).toEqual([]);
  });

  it('names with control characters are kept exactly (safe-name checks them later)', () => {
    const entries = parseListing(
      '-rw-r--r-- 1 a b 1 Jan 1 2020 ../../etc/passwd\n-rw-r--r-- 1 a b 1 Jan 1 2020 a\u0000b',
      {
        now: NOW,
      },
    );
    expect(entries.map((entry) => entry.name)).toEqual(['../../etc/passwd', 'a\u0000b']);
  });
});
