import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture, utc } from './read-fixture.js';

interface Row {
  title: string;
  input: string;
  expected: FileEntry;
}

const rows: Row[] = [
  {
    title: 'IIS directory, 2-digit year, PM',
    input: '04-27-00  09:09PM       <DIR>          licensed',
    expected: { name: 'licensed', type: 'dir', size: null, modified: utc('2000-04-27 21:09') },
  },
  {
    title: 'IIS file, AM',
    input: '04-14-00  03:47AM                  589 readme.htm',
    expected: { name: 'readme.htm', type: 'file', size: 589, modified: utc('2000-04-14 03:47') },
  },
  {
    title: '12:00AM is midnight, 12:30PM is half past noon',
    input: '11-15-22  12:00AM                    1 a\n11-15-22  12:30PM                    2 b',
    expected: { name: 'a', type: 'file', size: 1, modified: utc('2022-11-15 00:00') },
  },
  {
    title: 'thousands separators in the size',
    input: '11-15-22  10:00AM            1,048,576 one megabyte.bin',
    expected: { name: 'one megabyte.bin', type: 'file', size: 1048576, modified: utc('2022-11-15 10:00') },
  },
  {
    title: '4-digit year, 24-hour clock, name with spaces',
    input: '11-15-2022  14:02                 1234 report 2022.docx',
    expected: { name: 'report 2022.docx', type: 'file', size: 1234, modified: utc('2022-11-15 14:02') },
  },
  {
    title: 'ISO date',
    input: '2023-01-05  08:30       <DIR>          iso-dated',
    expected: { name: 'iso-dated', type: 'dir', size: null, modified: utc('2023-01-05 08:30') },
  },
  {
    title: 'day-first when the first number cannot be a month',
    input: '25-12-2023  18:00                   99 day-first.txt',
    expected: { name: 'day-first.txt', type: 'file', size: 99, modified: utc('2023-12-25 18:00') },
  },
  {
    title: 'dotted European date is day first',
    input: '05.11.2023  18:00       <DIR>          Dokumente',
    expected: { name: 'Dokumente', type: 'dir', size: null, modified: utc('2023-11-05 18:00') },
  },
  {
    title: 'AM/PM as a separate field',
    input: '01-05-2023  08:30 PM   <DIR>   evening',
    expected: { name: 'evening', type: 'dir', size: null, modified: utc('2023-01-05 20:30') },
  },
  {
    title: 'junction with its target',
    input: '01-05-2023  08:30       <JUNCTION>     Application Data [C:\\Users\\ann\\AppData\\Roaming]',
    expected: {
      name: 'Application Data',
      type: 'symlink',
      size: null,
      modified: utc('2023-01-05 08:30'),
      linkTarget: 'C:\\Users\\ann\\AppData\\Roaming',
    },
  },
  {
    title: '1999 from a 2-digit year',
    input: '12-31-99  11:59PM                   10 y2k.txt',
    expected: { name: 'y2k.txt', type: 'file', size: 10, modified: utc('1999-12-31 23:59') },
  },
];

describe('parseListing: DOS / IIS rows', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })[0]).toEqual(expected);
  });

  it('12:30PM stays noon', () => {
    expect(parseListing('11-15-22  12:30PM  2 b', { now: NOW })[0]?.modified).toBe(utc('2022-11-15 12:30'));
  });

  it('an impossible time is kept as an unknown row', () => {
    const line = '11-15-22  13:30PM  2 b';
    expect(parseListing(line, { now: NOW })).toEqual([
      { name: line, type: 'unknown', size: null, modified: null, raw: line },
    ]);
  });

  it.each([
    { file: 'iis.txt', count: 5 },
    { file: 'windows-24h.txt', count: 5 },
    { file: 'windows-dir.txt', count: 2 },
  ])('$file parses every row', ({ file, count }) => {
    const entries = parseListing(readFixture(file), { now: NOW });
    expect(entries.filter((entry) => entry.type === 'unknown')).toEqual([]);
    expect(entries).toHaveLength(count);
  });
});

describe('parseListing: full Windows dir output', () => {
  it('skips the volume banner, "Directory of" and the summary', () => {
    expect(parseListing(readFixture('windows-dir.txt'), { now: NOW })).toEqual([
      { name: 'Uploads', type: 'dir', size: null, modified: utc('2022-11-15 14:02') },
      { name: 'web.config', type: 'file', size: 1234, modified: utc('2022-11-14 09:15') },
    ]);
  });
});
