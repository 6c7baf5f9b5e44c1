import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture, utc } from './read-fixture.js';

const rows: Array<{ title: string; input: string; expected: FileEntry[] }> = [
  {
    title: 'file: version stripped, size in blocks, owner and protection',
    input: '1-README.TXT;2             1/3      28-JUN-1996 13:05:12  [ANONYMOUS]        (RWED,RWED,RE,RE)',
    expected: [
      {
        name: '1-README.TXT',
        type: 'file',
        size: 512,
        modified: utc('1996-06-28 13:05:12'),
        owner: 'ANONYMOUS',
        permissions: 'RWED,RWED,RE,RE',
      },
    ],
  },
  {
    title: '.DIR is a folder',
    input: 'AXP.DIR;1   1/3   28-JUN-1996 13:07:57  [SYSTEM]  (RWE,RWE,RE,RE)',
    expected: [
      {
        name: 'AXP',
        type: 'dir',
        size: 512,
        modified: utc('1996-06-28 13:07:57'),
        owner: 'SYSTEM',
        permissions: 'RWE,RWE,RE,RE',
      },
    ],
  },
  {
    title: 'name on one row, the rest on the next',
    input:
      'DECW$SERVER_0_ERROR.LOG;12\r\n                 14/18     17-APR-1998 10:02:51  [SYSTEM,DECW$SERVER] (RWED,RWED,RE,)',
    expected: [
      {
        name: 'DECW$SERVER_0_ERROR.LOG',
        type: 'file',
        size: 14 * 512,
        modified: utc('1998-04-17 10:02:51'),
        group: 'SYSTEM',
        owner: 'DECW$SERVER',
        permissions: 'RWED,RWED,RE,',
      },
    ],
  },
  {
    title: 'hundredths of a second and a one-digit day',
    input: 'LOGIN.COM;5   2/3    3-JAN-2001 09:00:00.45  [USERS,JDOE]  (RWED,RWED,,)',
    expected: [
      {
        name: 'LOGIN.COM',
        type: 'file',
        size: 1024,
        modified: utc('2001-01-03 09:00:00'),
        group: 'USERS',
        owner: 'JDOE',
        permissions: 'RWED,RWED,,',
      },
    ],
  },
  {
    title: 'no privilege to read the attributes',
    input: 'SECRET.DAT;1       %RMS-E-PRV, insufficient privilege or file protection violation',
    expected: [{ name: 'SECRET.DAT', type: 'file', size: null, modified: null }],
  },
  {
    title: 'a lone name at the end of the listing stays visible as unknown',
    input: 'DANGLING.TXT;1',
    expected: [
      { name: 'DANGLING.TXT;1', type: 'unknown', size: null, modified: null, raw: 'DANGLING.TXT;1' },
    ],
  },
];

describe('parseListing: VMS', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })).toEqual(expected);
  });

  it('vms.txt: headers and totals skipped, wrapped rows joined', () => {
    const entries = parseListing(readFixture('vms.txt'), { now: NOW });
    expect(entries.map((entry) => [entry.name, entry.type])).toEqual([
      ['1-README.TXT', 'file'],
      ['AXP', 'dir'],
      ['DECW$SERVER_0_ERROR.LOG', 'file'],
      ['LOGIN.COM', 'file'],
      ['VERY_LONG_DIRECTORY_NAME_THAT_WRAPS', 'dir'],
      ['SECRET.DAT', 'file'],
    ]);
  });
});
