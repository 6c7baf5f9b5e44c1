import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture, utc } from './read-fixture.js';

interface Row {
  title: string;
  input: string;
  expected: FileEntry;
}

const rw = { permissions: 'rw-r--r--', mode: 0o644 };

const rows: Row[] = [
  {
    title: 'directory with a recent date and a name with spaces',
    input: 'drwxr-xr-x    2 1000     1000         4096 Mar 10 12:34 dir name',
    expected: {
      name: 'dir name',
      type: 'dir',
      size: 4096,
      modified: utc('2026-03-10 12:34'),
      permissions: 'rwxr-xr-x',
      mode: 0o755,
      owner: '1000',
      group: '1000',
    },
  },
  {
    title: 'old file with a year and a leading space in the name',
    input: '-rw-r--r--   1 owner group 1234 Jan  1  2020  leading',
    expected: {
      name: ' leading',
      type: 'file',
      size: 1234,
      modified: utc('2020-01-01 00:00'),
      ...rw,
      owner: 'owner',
      group: 'group',
    },
  },
  {
    title: 'symlink splits name and target',
    input: 'lrwxrwxrwx 1 root root 7 Oct 10 12:34 my link -> ../a -> b',
    expected: {
      name: 'my link',
      linkTarget: '../a -> b',
      type: 'symlink',
      size: 7,
      modified: utc('2026-10-10 12:34'),
      permissions: 'rwxrwxrwx',
      mode: 0o777,
      owner: 'root',
      group: 'root',
    },
  },
  {
    title: 'character device with major, minor',
    input: 'crw-rw-rw- 1 root root 1,   3 Mar 10 12:34 null',
    expected: {
      name: 'null',
      type: 'other',
      size: null,
      modified: utc('2026-03-10 12:34'),
      permissions: 'rw-rw-rw-',
      mode: 0o666,
      owner: 'root',
      group: 'root',
    },
  },
  {
    title: 'block device with major,minor glued',
    input: 'brw-rw---- 1 root disk 8,0 Mar 10 12:34 sda',
    expected: {
      name: 'sda',
      type: 'other',
      size: null,
      modified: utc('2026-03-10 12:34'),
      permissions: 'rw-rw----',
      mode: 0o660,
      owner: 'root',
      group: 'disk',
    },
  },
  {
    title: 'no group column',
    input: '-rw-r--r-- 1 ftp 1234 Jan 1 2020 nogroup',
    expected: {
      name: 'nogroup',
      type: 'file',
      size: 1234,
      modified: utc('2020-01-01 00:00'),
      ...rw,
      owner: 'ftp',
    },
  },
  {
    title: 'no link count',
    input: '-rw-r--r-- ftp grp 99 Nov 20 10:00 x',
    expected: {
      name: 'x',
      type: 'file',
      size: 99,
      modified: utc('2026-11-20 10:00'),
      ...rw,
      owner: 'ftp',
      group: 'grp',
    },
  },
  {
    title: 'group name with a space (Windows-hosted server)',
    input: '-rw-r--r-- 1 ann Domain Users 99 Nov 20 10:00 x',
    expected: {
      name: 'x',
      type: 'file',
      size: 99,
      modified: utc('2026-11-20 10:00'),
      ...rw,
      owner: 'ann',
      group: 'Domain Users',
    },
  },
  {
    title: 'numeric permissions',
    input: '755 1 ftp ftp 100 Nov 20 10:00 run.sh',
    expected: {
      name: 'run.sh',
      type: 'file',
      size: 100,
      modified: utc('2026-11-20 10:00'),
      permissions: 'rwxr-xr-x',
      mode: 0o755,
      owner: 'ftp',
      group: 'ftp',
    },
  },
  {
    title: 'setuid, setgid without execute, sticky',
    input: '-rwsr-Sr-t 1 a b 1 Jan 1 2020 special',
    expected: {
      name: 'special',
      type: 'file',
      size: 1,
      modified: utc('2020-01-01 00:00'),
      permissions: 'rwsr-Sr-t',
      mode: 0o7745,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'human-readable size 1.2K',
    input: '-rw-r--r-- 1 a b 1.2K Jan 1 2020 k',
    expected: {
      name: 'k',
      type: 'file',
      size: 1229,
      modified: utc('2020-01-01 00:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'human-readable size 3M',
    input: '-rw-r--r-- 1 a b 3M Jan 1 2020 m',
    expected: {
      name: 'm',
      type: 'file',
      size: 3 * 1024 * 1024,
      modified: utc('2020-01-01 00:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'a date ~9 months ahead of now is last year',
    input: '-rw-r--r-- 1 a b 1 Aug 20 10:00 last-year',
    expected: {
      name: 'last-year',
      type: 'file',
      size: 1,
      modified: utc('2026-08-20 10:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'a date a few weeks ahead stays in this year (server clock or zone skew)',
    input: '-rw-r--r-- 1 a b 1 Dec 10 10:00 soon',
    expected: {
      name: 'soon',
      type: 'file',
      size: 1,
      modified: utc('2026-12-10 10:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'German day-first with dot',
    input: '-rw-r--r-- 1 a b 1 10. Mär 12:34 de',
    expected: {
      name: 'de',
      type: 'file',
      size: 1,
      modified: utc('2026-03-10 12:34'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'French abbreviation with dot',
    input: '-rw-r--r-- 1 a b 1 févr. 10  2024 fr',
    expected: {
      name: 'fr',
      type: 'file',
      size: 1,
      modified: utc('2024-02-10 00:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'Russian UTF-8 month',
    input: '-rw-r--r-- 1 a b 1 мар 10 12:34 ru',
    expected: {
      name: 'ru',
      type: 'file',
      size: 1,
      modified: utc('2026-03-10 12:34'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'long-iso time style',
    input: '-rw-r--r-- 1 a b 1 2024-03-05 17:45 iso',
    expected: {
      name: 'iso',
      type: 'file',
      size: 1,
      modified: utc('2024-03-05 17:45'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'full-iso with a zone is converted to UTC',
    input: '-rw-r--r-- 1 a b 1 2024-03-05 17:45:12.000000000 +0100 full',
    expected: {
      name: 'full',
      type: 'file',
      size: 1,
      modified: utc('2024-03-05 16:45:12'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'BSD ls -T with seconds and year',
    input: '-rw-r--r-- 1 a b 1 Mar  5 17:45:12 2024 bsd',
    expected: {
      name: 'bsd',
      type: 'file',
      size: 1,
      modified: utc('2024-03-05 17:45:12'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
  {
    title: 'owner that looks like a month does not confuse the date search',
    input: '-rw-r--r-- 1 jan may 1 Mar  5 2024 months',
    expected: {
      name: 'months',
      type: 'file',
      size: 1,
      modified: utc('2024-03-05 00:00'),
      ...rw,
      owner: 'jan',
      group: 'may',
    },
  },
  {
    title: 'name that looks like a date',
    input: '-rw-r--r-- 1 a b 1 Mar  5 2024 Jan 1 2020',
    expected: {
      name: 'Jan 1 2020',
      type: 'file',
      size: 1,
      modified: utc('2024-03-05 00:00'),
      ...rw,
      owner: 'a',
      group: 'b',
    },
  },
];

describe('parseListing: Unix ls -l rows', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })).toEqual([expected]);
  });

  it('skips total lines, dot entries and blank lines', () => {
    const text =
      'total 8\r\ndrwxr-xr-x 2 a b 4096 Jan 1 2020 .\r\ndrwxr-xr-x 2 a b 4096 Jan 1 2020 ..\r\n\r\n';
    expect(parseListing(text, { now: NOW })).toEqual([]);
  });

  it('keeps an unparsable row as an unknown entry with its raw text', () => {
    const line = '-rw-r--r-- 1 a b not-a-size Jan 1 2020 x';
    expect(parseListing(line, { now: NOW })).toEqual([
      { name: line, type: 'unknown', size: null, modified: null, raw: line },
    ]);
  });
});

describe('parseListing: Unix fixtures', () => {
  const cases: Array<{ file: string; count: number }> = [
    { file: 'vsftpd.txt', count: 10 },
    { file: 'proftpd.txt', count: 13 },
    { file: 'pure-ftpd.txt', count: 4 },
    { file: 'filezilla-server.txt', count: 5 },
    // Captured from a real pyftpdlib server (Debian python3-pyftpdlib) with curl.
    { file: 'pyftpdlib.txt', count: 5 },
    // Captured from Debian's vsftpd 3 (anonymous, numeric ids) with curl.
    { file: 'vsftpd-captured.txt', count: 5 },
    { file: 'unix-variants.txt', count: 10 },
    { file: 'unix-localized.txt', count: 18 },
  ];
  it.each(cases)('$file parses every row', ({ file, count }) => {
    const entries = parseListing(readFixture(file), { now: NOW });
    expect(entries.filter((entry) => entry.type === 'unknown')).toEqual([]);
    expect(entries).toHaveLength(count);
    for (const entry of entries) {
      expect(entry.modified).not.toBeNull();
      expect(entry.name).not.toBe('');
    }
  });

  it('real vsftpd output: leading space, symlink target, old year', () => {
    expect(parseListing(readFixture('vsftpd-captured.txt'), { now: NOW })).toEqual([
      {
        name: ' lead.txt',
        type: 'file',
        size: 1,
        modified: utc('2026-11-22 17:56'),
        ...rw,
        owner: '0',
        group: '0',
      },
      {
        name: 'a file.txt',
        type: 'file',
        size: 3,
        modified: utc('2026-11-22 17:56'),
        ...rw,
        owner: '0',
        group: '0',
      },
      {
        name: 'link',
        linkTarget: 'a file.txt',
        type: 'symlink',
        size: 10,
        modified: utc('2026-11-22 17:56'),
        permissions: 'rwxrwxrwx',
        mode: 0o777,
        owner: '0',
        group: '0',
      },
      {
        name: 'old.txt',
        type: 'file',
        size: 0,
        modified: utc('2020-01-02 00:00'),
        ...rw,
        owner: '0',
        group: '0',
      },
      {
        name: 'sub dir',
        type: 'dir',
        size: 4096,
        modified: utc('2026-11-22 17:56'),
        permissions: 'rwxr-xr-x',
        mode: 0o755,
        owner: '0',
        group: '0',
      },
    ]);
  });

  it('vsftpd keeps names exactly', () => {
    const names = parseListing(readFixture('vsftpd.txt'), { now: NOW }).map((entry) => entry.name);
    expect(names).toContain('empty file with spaces');
    expect(names).toContain(' leading space.txt');
    expect(names).toContain('semi;colon & ampersand.txt');
  });

  it('every localized month lands on the right month', () => {
    const months = parseListing(readFixture('unix-localized.txt'), { now: NOW }).map((entry) => [
      entry.name,
      new Date(entry.modified ?? 0).getUTCMonth() + 1,
    ]);
    expect(Object.fromEntries(months)).toEqual({
      'deutsch-punkt.txt': 3,
      'deutsch.txt': 3,
      'oktober.txt': 10,
      'weihnachten.txt': 12,
      'francais.txt': 2,
      'aout.txt': 8,
      'noel.txt': 12,
      'enero.txt': 1,
      'diciembre.txt': 12,
      'gennaio.txt': 1,
      'ottobre.txt': 10,
      'maart.txt': 3,
      'mei.txt': 5,
      'maj.txt': 5,
      'oktober-sv.txt': 10,
      'март.txt': 3,
      'декабрь.txt': 12,
      'japanese.txt': 5,
    });
  });

  it('an invalid "now" falls back to the current time instead of NaN dates', () => {
    const [entry] = parseListing('-rw-r--r-- 1 a b 1 Jan 2 03:04 x', { now: new Date(Number.NaN) });
    expect(Number.isFinite(entry?.modified)).toBe(true);
  });

  it('Feb 29 without a year in a non-leap year goes back to the last leap year', () => {
    const [entry] = parseListing('-rw-r--r-- 1 a b 1 Feb 29 10:00 leap', {
      now: new Date(Date.UTC(2027, 3, 1)),
    });
    expect(entry?.modified).toBe(utc('2024-02-29 10:00'));
  });

  it('FileZilla Server: sizes past 4 GiB and names with brackets and symbols', () => {
    const entries = parseListing(readFixture('filezilla-server.txt'), { now: NOW });
    expect(entries.map((entry) => [entry.name, entry.size])).toEqual([
      ['Incoming', 0],
      ['Public Share', 0],
      ['archive (1).zip', 1048576],
      ['4GiB.img', 4294967296],
      ['ünïcode ☃.txt', 12],
    ]);
  });

  it('Feb 29 of a leap year', () => {
    const [entry] = parseListing('-rw-r--r-- 1 a b 42 Feb 29  2024 leap.txt', { now: NOW });
    expect(entry?.modified).toBe(utc('2024-02-29 00:00'));
  });
});
