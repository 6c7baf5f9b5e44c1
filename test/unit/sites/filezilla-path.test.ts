import { describe, expect, it } from 'vitest';
import {
  decodeFileZillaDir,
  encodeFileZillaUnixPath,
  parseFileZillaPath,
} from '../../../src-main/sites/filezilla-path.js';

describe('FileZilla safe path decoding', () => {
  const rows: Array<{ title: string; input: string; expected: string }> = [
    { title: 'unix path', input: '1 0 4 home 6 debian', expected: '/home/debian' },
    { title: 'unix root', input: '1 0', expected: '/' },
    { title: 'default type renders as unix', input: '0 0 3 pub', expected: '/pub' },
    {
      title: 'segment with spaces',
      input: '1 0 4 home 15 my shared files',
      expected: '/home/my shared files',
    },
    { title: 'segment that looks like a length', input: '1 0 3 1 2 1 x', expected: '/1 2/x' },
    {
      title: 'unicode segments counted in code points',
      input: '1 0 4 dätä 3 日本語',
      expected: '/dätä/日本語',
    },
    { title: 'astral character counted as one code point', input: '1 0 2 a😀 1 b', expected: '/a😀/b' },
    {
      title: 'astral character counted in UTF-16 units (Windows)',
      input: '1 0 3 a😀 1 b',
      expected: '/a😀/b',
    },
    { title: 'DOS drive and folder', input: '3 0 2 C: 4 data', expected: 'C:\\data' },
    { title: 'DOS drive root', input: '3 0 2 D:', expected: 'D:\\' },
    { title: 'VMS with device prefix', input: '2 5 DISK: 4 USER 3 DIR', expected: 'DISK:[USER.DIR]' },
    { title: 'MVS dataset', input: '4 0 4 USER 4 DATA', expected: "'USER.DATA'" },
    { title: 'plain local path is kept as is', input: '/home/alice/site', expected: '/home/alice/site' },
    { title: 'Windows local path is kept as is', input: 'C:\\Users\\alice', expected: 'C:\\Users\\alice' },
    { title: 'empty stays empty', input: '', expected: '' },
    { title: 'length running past the end is not a safe path', input: '1 0 9 home', expected: '1 0 9 home' },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(decodeFileZillaDir(row.input)).toBe(row.expected);
    });
  }

  it('rejects malformed forms', () => {
    for (const bad of ['x 0 4 home', '1', '1 0 4 homeX', '99 0', '1 0 0 ', '1 0  4 home']) {
      expect(parseFileZillaPath(bad), bad).toBeNull();
    }
  });

  it('encodes unix paths the way FileZilla does, and back', () => {
    expect(encodeFileZillaUnixPath('/home/debian')).toBe('1 0 4 home 6 debian');
    expect(encodeFileZillaUnixPath('/')).toBe('1 0');
    for (const path of ['/home/debian', '/a b/c  d/ü', '/']) {
      expect(decodeFileZillaDir(encodeFileZillaUnixPath(path))).toBe(path);
    }
  });
});
