import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture, utc } from './read-fixture.js';

const HEADER = 'Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname\n';

const rows: Array<{ title: string; input: string; expected: FileEntry[] }> = [
  {
    title: 'partitioned data set is a folder',
    input: HEADER + 'WYNAP3 3390   2003/12/12  1   15  FB      80  3120  PO  ALTERNAT.PROCLIB',
    expected: [{ name: 'ALTERNAT.PROCLIB', type: 'dir', size: null, modified: utc('2003-12-12 00:00') }],
  },
  {
    title: 'sequential data set is a file',
    input: HEADER + 'SAP221 3390   2004/03/30  1    1  VB     256  6233  PS  USERID.JCL.LOG',
    expected: [{ name: 'USERID.JCL.LOG', type: 'file', size: null, modified: utc('2004-03-30 00:00') }],
  },
  {
    title: 'never referred, PDSE',
    input: 'WYNAP3 3390   **NONE**    1   15  FB      80 27920  PO-E NEVER.REFERRED.LIB',
    expected: [{ name: 'NEVER.REFERRED.LIB', type: 'dir', size: null, modified: null }],
  },
  {
    title: 'migrated data set',
    input: HEADER + 'Migrated                                                HSM.MIGRATED.DATA',
    expected: [{ name: 'HSM.MIGRATED.DATA', type: 'file', size: null, modified: null }],
  },
  {
    title: 'pseudo directory',
    input: HEADER + 'Pseudo Directory                                        USERID.SUBLEVEL',
    expected: [{ name: 'USERID.SUBLEVEL', type: 'dir', size: null, modified: null }],
  },
  {
    title: 'tape data set',
    input: HEADER + 'ARCIVE Not Direct Access Device                         KJ.IOMSTAT.DATA.DAT',
    expected: [{ name: 'KJ.IOMSTAT.DATA.DAT', type: 'file', size: null, modified: null }],
  },
  {
    title: 'source member with ISPF statistics',
    input:
      ' Name     VV.MM   Created       Changed      Size  Init   Mod   Id\nADDDRV     01.00 2002/11/19 2002/11/19 13:42     1     1     0 USERID',
    expected: [{ name: 'ADDDRV', type: 'file', size: null, modified: utc('2002-11-19 13:42') }],
  },
  {
    title: 'member without statistics after the header',
    input: ' Name     VV.MM   Created       Changed      Size  Init   Mod   Id\nNOSTATS',
    expected: [{ name: 'NOSTATS', type: 'file', size: null, modified: null }],
  },
  {
    title: 'load module with a hex size',
    input:
      ' Name      Size     TTR   Alias-of AC --------- Attributes --------- Amode Rmode\nMYPROG    01A2F0   000112            01 FO                              31    ANY',
    expected: [{ name: 'MYPROG', type: 'file', size: 0x01a2f0, modified: null }],
  },
  {
    title: 'a bare word without a member header is unknown',
    input: 'NOSTATS',
    expected: [{ name: 'NOSTATS', type: 'unknown', size: null, modified: null, raw: 'NOSTATS' }],
  },
];

describe('parseListing: z/OS (MVS)', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })).toEqual(expected);
  });

  it.each([
    { file: 'mvs-datasets.txt', count: 7 },
    { file: 'mvs-members.txt', count: 3 },
    { file: 'mvs-loadlib.txt', count: 2 },
  ])('$file parses every row', ({ file, count }) => {
    const entries = parseListing(readFixture(file), { now: NOW });
    expect(entries.filter((entry) => entry.type === 'unknown')).toEqual([]);
    expect(entries).toHaveLength(count);
  });
});
