import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src-shared/errors.js';
import { assertSafeEntryName, isSafeEntryName, joinInside } from '../../src-main/fs/safe-name.js';

const unsafeEverywhere: Array<{ title: string; input: string }> = [
  { title: 'empty', input: '' },
  { title: 'dot', input: '.' },
  { title: 'dot dot', input: '..' },
  { title: 'parent traversal', input: '../' },
  { title: 'deep traversal', input: '../../etc/passwd' },
  { title: 'absolute path', input: '/etc/passwd' },
  { title: 'backslash traversal', input: '..\\..\\Windows\\win.ini' },
  { title: 'backslash inside', input: 'a\\b' },
  { title: 'slash inside', input: 'a/b' },
  { title: 'NUL', input: 'a\0b' },
  { title: 'newline', input: 'a\nb' },
  { title: 'carriage return', input: 'evil\r' },
  { title: 'tab', input: 'a\tb' },
  { title: 'escape (terminal control)', input: '\u001b[31mred' },
];

const safeEverywhere: Array<{ title: string; input: string }> = [
  { title: 'plain', input: 'report.pdf' },
  { title: 'hidden file', input: '.bashrc' },
  { title: 'dots inside', input: 'a..b' },
  { title: 'spaces inside and leading', input: ' my file.txt' },
  { title: 'accents', input: 'Ünïcödé résumé.txt' },
  { title: 'Cyrillic', input: 'отчёт.docx' },
  { title: 'CJK', input: '報告書.xlsx' },
  { title: 'emoji', input: '🚀 launch.md' },
  { title: 'semicolons and ampersands', input: 'a;b & c.sh' },
];

describe('isSafeEntryName', () => {
  it.each(unsafeEverywhere)('refuses $title on Linux and Windows', ({ input }) => {
    expect(isSafeEntryName(input, 'linux')).toBe(false);
    expect(isSafeEntryName(input, 'win32')).toBe(false);
  });

  it.each(safeEverywhere)('accepts $title', ({ input }) => {
    expect(isSafeEntryName(input, 'linux')).toBe(true);
    expect(isSafeEntryName(input, 'win32')).toBe(true);
  });

  it.each([
    { title: 'device name', input: 'CON' },
    { title: 'device name with extension, any case', input: 'nul.txt' },
    { title: 'COM port', input: 'COM1' },
    { title: 'console input', input: 'CONIN$' },
    { title: 'printer port', input: 'lpt9.log' },
    { title: 'trailing dot', input: 'name.' },
    { title: 'trailing space', input: 'name ' },
    { title: 'alternate data stream', input: 'file.txt:hidden' },
    { title: 'wildcard', input: 'what?.txt' },
  ])('refuses $title on Windows only', ({ input }) => {
    expect(isSafeEntryName(input, 'win32')).toBe(false);
    expect(isSafeEntryName(input, 'linux')).toBe(true);
  });

  it('three dots are fine on Linux, not on Windows (trailing dots vanish there)', () => {
    expect(isSafeEntryName('...', 'linux')).toBe(true);
    expect(isSafeEntryName('...', 'win32')).toBe(false);
  });

  it('CONSOLE is not a device name', () => {
    expect(isSafeEntryName('CONSOLE.txt', 'win32')).toBe(true);
  });
});

describe('assertSafeEntryName', () => {
  it('throws a PROTOCOL FerryError with a hint and the context', () => {
    let caught: unknown;
    try {
      assertSafeEntryName('../escape', 'download /pub', 'linux');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FerryError);
    const error = caught as FerryError;
    expect(error.code).toBe('PROTOCOL');
    expect(error.message).toContain('download /pub');
    expect(error.message).toContain('"../escape"');
    expect(error.hint).toMatch(/outside the chosen folder/);
    expect(error.retryable).toBe(false);
  });

  it('shows control characters escaped in the message', () => {
    expect(() => assertSafeEntryName('a\nb', 'list', 'linux')).toThrow('"a\\nb"');
  });

  it('cuts a very long name short in the message', () => {
    expect(() => assertSafeEntryName('/'.repeat(100_000), 'list', 'linux')).toThrow(
      /… \(100000 characters\): the name contains a path separator$/,
    );
  });

  it('passes fine names', () => {
    expect(() => assertSafeEntryName('отчёт.docx', 'list', 'linux')).not.toThrow();
  });
});

describe('joinInside', () => {
  const base = path.posix.resolve('/home/ann/Downloads');

  it.each([
    { title: 'one segment', input: 'a.txt', expected: '/home/ann/Downloads/a.txt' },
    {
      title: 'nested relative path',
      input: 'pub/docs/a.txt',
      expected: '/home/ann/Downloads/pub/docs/a.txt',
    },
    { title: 'dot dot that stays inside', input: 'pub/../a.txt', expected: '/home/ann/Downloads/a.txt' },
    { title: 'unicode', input: 'отчёт.docx', expected: '/home/ann/Downloads/отчёт.docx' },
    { title: 'name starting with two dots', input: '..hidden', expected: '/home/ann/Downloads/..hidden' },
  ])('keeps $title inside', ({ input, expected }) => {
    expect(joinInside(base, input, path.posix)).toBe(expected);
  });

  it.each([
    { title: 'parent', input: '..' },
    { title: 'traversal', input: '../../etc/passwd' },
    { title: 'sibling with a shared prefix', input: '../Downloads-evil/x' },
    { title: 'absolute', input: '/etc/passwd' },
    { title: 'the base itself', input: '.' },
    { title: 'empty', input: '' },
    { title: 'NUL', input: 'a\0b' },
  ])('refuses $title', ({ input }) => {
    expect(() => joinInside(base, input, path.posix)).toThrow(FerryError);
  });

  it.each([
    { title: 'backslash traversal', input: '..\\..\\Windows\\win.ini' },
    { title: 'another drive', input: 'D:\\data\\x' },
    { title: 'drive-relative', input: 'C:x' },
    { title: 'UNC path', input: '\\\\server\\share\\x' },
    { title: 'alternate data stream', input: 'a.txt:zone' },
  ])('refuses $title with Windows paths', ({ input }) => {
    expect(() => joinInside('C:\\Users\\ann\\Downloads', input, path.win32)).toThrow(FerryError);
  });

  it('Windows paths: a nested name stays inside', () => {
    expect(joinInside('C:\\Users\\ann\\Downloads', 'pub\\a.txt', path.win32)).toBe(
      'C:\\Users\\ann\\Downloads\\pub\\a.txt',
    );
  });

  it('uses the native path module by default', () => {
    const local = path.resolve('some-base');
    expect(joinInside(local, 'x')).toBe(path.join(local, 'x'));
  });
});
