import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing } from '../../../src-main/ftp/listing/index.js';
import { NOW, readFixture } from './read-fixture.js';

const rows: Array<{ title: string; input: string; expected: FileEntry }> = [
  {
    title: 'directory',
    input: '+i8388621.29609,m824255902,/,\tdev',
    expected: { name: 'dev', type: 'dir', size: null, modified: 824255902000 },
  },
  {
    title: 'file with size',
    input: '+i8388621.44468,m839956783,r,s10376,\tRFCEPLF',
    expected: { name: 'RFCEPLF', type: 'file', size: 10376, modified: 839956783000 },
  },
  {
    title: 'permissions and a name with spaces',
    input: '+r,s0,up644,\tempty file.txt',
    expected: {
      name: 'empty file.txt',
      type: 'file',
      size: 0,
      modified: null,
      mode: 0o644,
      permissions: 'rw-r--r--',
    },
  },
  {
    title: 'unknown type when neither / nor r is given',
    input: '+m1700000000,\tthing',
    expected: { name: 'thing', type: 'unknown', size: null, modified: 1700000000000 },
  },
];

describe('parseListing: EPLF', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseListing(input, { now: NOW })).toEqual([expected]);
  });

  it('a row without the tab is unknown', () => {
    expect(parseListing('+i1,m2,r, nope', { now: NOW })[0]?.type).toBe('unknown');
  });

  it('eplf.txt', () => {
    expect(
      parseListing(readFixture('eplf.txt'), { now: NOW }).map((entry) => [entry.name, entry.type]),
    ).toEqual([
      ['dev', 'dir'],
      ['RFCEPLF', 'file'],
      ['empty file.txt', 'file'],
      ['pub', 'dir'],
    ]);
  });
});
