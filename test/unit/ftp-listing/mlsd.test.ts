import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseFactTime, parseMlsd, parseMlsdLine } from '../../../src-main/ftp/listing/index.js';
import { readFixture, utc } from './read-fixture.js';

interface Row {
  title: string;
  input: string;
  expected: FileEntry | null;
}

const rows: Row[] = [
  {
    title: 'proftpd file with owner names',
    input:
      'modify=20251031120000;perm=adfrw;size=1048576;type=file;unique=FD00U1;UNIX.group=1000;UNIX.groupname=staff;UNIX.mode=0644;UNIX.owner=1000;UNIX.ownername=ann; report 2025.pdf',
    expected: {
      name: 'report 2025.pdf',
      type: 'file',
      size: 1048576,
      modified: utc('2025-10-31 12:00'),
      mode: 0o644,
      permissions: 'rw-r--r--',
      owner: 'ann',
      group: 'staff',
    },
  },
  {
    title: 'pure-ftpd directory with sizd and numeric ids, and its identity (unique)',
    input:
      'type=dir;sizd=4096;modify=20251101111100;UNIX.mode=0700;UNIX.uid=1000;UNIX.gid=100;unique=803g2e0007; .ssh',
    expected: {
      name: '.ssh',
      type: 'dir',
      size: 4096,
      modified: utc('2025-11-01 11:11'),
      mode: 0o700,
      permissions: 'rwx------',
      owner: '1000',
      group: '100',
      unique: '803g2e0007',
    },
  },
  {
    title: "a file's unique is not kept (only folders need an identity)",
    input: 'type=file;size=3;unique=803g2e0008; a.txt',
    expected: { name: 'a.txt', type: 'file', size: 3, modified: null },
  },
  { title: 'cdir is skipped', input: 'type=cdir;modify=20251121180200; /home/ann', expected: null },
  { title: 'pdir is skipped', input: 'type=pdir;modify=20251121180200; ..', expected: null },
  { title: 'a dir named . is skipped', input: 'type=dir;modify=20251121180200; .', expected: null },
  {
    title: 'RFC 3659 symlink with its target',
    input: 'type=OS.unix=slink:/srv/data/current;modify=20251120080000; current',
    expected: {
      name: 'current',
      type: 'symlink',
      size: null,
      modified: utc('2025-11-20 08:00'),
      linkTarget: '/srv/data/current',
    },
  },
  {
    title: 'proftpd symlink type',
    input: 'type=OS.unix=symlink;size=11;modify=20251120080000; latest',
    expected: { name: 'latest', type: 'symlink', size: 11, modified: utc('2025-11-20 08:00') },
  },
  {
    title: 'fact names and type values are case-insensitive',
    input: 'TYPE=FILE;SIZE=99;MODIFY=20240105083000; UPPER.TXT',
    expected: { name: 'UPPER.TXT', type: 'file', size: 99, modified: utc('2024-01-05 08:30') },
  },
  {
    title: 'name keeps semicolons and spaces, including trailing ones',
    input: 'type=file;size=0;modify=20240105083000; a;b  c ',
    expected: { name: 'a;b  c ', type: 'file', size: 0, modified: utc('2024-01-05 08:30') },
  },
  {
    title: 'fractional seconds',
    input: 'type=file;size=5;modify=20240105083000.5; f',
    expected: { name: 'f', type: 'file', size: 5, modified: utc('2024-01-05 08:30:00.500') },
  },
  {
    title: 'setuid mode and perm letters without unix mode',
    input: 'type=file;size=5;UNIX.mode=4755; s',
    expected: { name: 's', type: 'file', size: 5, modified: null, mode: 0o4755, permissions: 'rwsr-xr-x' },
  },
  {
    title: 'perm letters are shown when there is no unix mode (FileZilla Server, IIS)',
    input: 'type=file;size=1234;modify=20240105083000;perm=adfrw; report.docx',
    expected: {
      name: 'report.docx',
      type: 'file',
      size: 1234,
      modified: utc('2024-01-05 08:30'),
      permissions: 'adfrw',
    },
  },
  {
    title: 'MLST reply line is indented by one space',
    input: ' type=file;size=3;modify=20240105083000; /pub/a.txt',
    expected: { name: '/pub/a.txt', type: 'file', size: 3, modified: utc('2024-01-05 08:30') },
  },
  {
    title: 'unknown OS type is "other"',
    input: 'type=OS.unix=chr-13/29;modify=20240105083000; tty',
    expected: { name: 'tty', type: 'other', size: null, modified: utc('2024-01-05 08:30') },
  },
  {
    title: 'bad modify value leaves modified null',
    input: 'type=file;size=1;modify=2024010508; x',
    expected: { name: 'x', type: 'file', size: 1, modified: null },
  },
  {
    title: 'a line with no space separator is kept as unknown',
    input: 'type=file;size=1;modify=20240105083000;nospace',
    expected: {
      name: 'type=file;size=1;modify=20240105083000;nospace',
      type: 'unknown',
      size: null,
      modified: null,
      raw: 'type=file;size=1;modify=20240105083000;nospace',
    },
  },
  { title: 'empty line', input: '', expected: null },
];

describe('parseMlsdLine', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseMlsdLine(input)).toEqual(expected);
  });
});

describe('parseMlsd fixtures', () => {
  it.each([
    { file: 'mlsd-proftpd.txt', names: ['projects', 'report 2025.pdf', 'latest', 'a;b c.sh'] },
    {
      file: 'mlsd-pure-ftpd.txt',
      names: ['.bash_logout', '.ssh', 'backup.tar.gz', 'current', 'Leading  and  double  spaces '],
    },
    {
      file: 'mlsd-filezilla-server.txt',
      names: ['Documents', 'report.docx', 'UPPER.TXT', 'with fraction.txt'],
    },
  ])('$file', ({ file, names }) => {
    const entries = parseMlsd(readFixture(file));
    expect(entries.map((entry) => entry.name)).toEqual(names);
    expect(entries.filter((entry) => entry.type === 'unknown')).toEqual([]);
  });

  it('handles CRLF line ends', () => {
    expect(parseMlsd('type=file;size=1; a\r\ntype=dir; b\r\n').map((entry) => entry.name)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('parseFactTime (MLSD modify= and MDTM replies)', () => {
  it.each([
    { title: 'plain', input: '20240105083000', expected: utc('2024-01-05 08:30:00') },
    { title: 'milliseconds', input: '20240105083000.123', expected: utc('2024-01-05 08:30:00.123') },
    {
      title: 'microseconds are truncated to ms',
      input: '20240105083000.123999',
      expected: utc('2024-01-05 08:30:00.123'),
    },
    { title: 'too short', input: '202401050830', expected: null },
    { title: 'month 13', input: '20241305083000', expected: null },
    { title: 'letters', input: '2024010508300x', expected: null },
    { title: 'dot without digits', input: '20240105083000.', expected: null },
  ])('$title', ({ input, expected }) => {
    expect(parseFactTime(input)).toBe(expected);
  });
});
