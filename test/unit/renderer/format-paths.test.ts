import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  formatEta,
  formatSize,
  formatSpeed,
  percent,
  typeLabel,
} from '../../../src-renderer/logic/format.js';
import { baseName, breadcrumbs, joinPath, parentPath } from '../../../src-renderer/logic/paths.js';
import {
  formatOctal,
  hasBit,
  modeFromPermissions,
  parseOctal,
  permissionsFromMode,
  setBit,
} from '../../../src-renderer/logic/permissions.js';
import { urlOf } from '../../../src-renderer/logic/url-of.js';

describe('format', () => {
  const sizes: [number | null, string][] = [
    [null, ''],
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [5 * 1024 ** 3, '5.0 GB'],
  ];
  for (const [input, expected] of sizes)
    it(`size ${input} → "${expected}"`, () => expect(formatSize(input)).toBe(expected));

  it('speed, eta, percent', () => {
    expect(formatSpeed(0)).toBe('');
    expect(formatSpeed(2048)).toBe('2.0 KB/s');
    expect(formatEta(null)).toBe('');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(3723)).toBe('1:02:03');
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, null)).toBeNull();
    expect(percent(500, 200)).toBe(100);
  });

  it('types and extensions', () => {
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('a.TAR.GZ')).toBe('gz');
    expect(typeLabel({ name: 'x.png', type: 'file' })).toBe('PNG file');
    expect(typeLabel({ name: 'x', type: 'dir' })).toBe('Folder');
    expect(typeLabel({ name: 'Makefile', type: 'file' })).toBe('File');
  });
});

describe('paths', () => {
  const rows: { title: string; run: () => unknown; expected: unknown }[] = [
    { title: 'join posix', run: () => joinPath('/var/www', 'a.txt'), expected: '/var/www/a.txt' },
    { title: 'join root', run: () => joinPath('/', 'etc'), expected: '/etc' },
    { title: 'join windows', run: () => joinPath('C:\\Users', 'me'), expected: 'C:\\Users\\me' },
    { title: 'join windows drive root', run: () => joinPath('C:\\', 'Users'), expected: 'C:\\Users' },
    { title: 'parent posix', run: () => parentPath('/var/www/'), expected: '/var' },
    { title: 'parent of top folder', run: () => parentPath('/var'), expected: '/' },
    { title: 'parent of root', run: () => parentPath('/'), expected: '/' },
    { title: 'parent windows', run: () => parentPath('C:\\Users\\me'), expected: 'C:\\Users' },
    { title: 'parent windows top', run: () => parentPath('C:\\Users'), expected: 'C:\\' },
    { title: 'parent windows root', run: () => parentPath('C:\\'), expected: 'C:\\' },
    { title: 'base name', run: () => baseName('/a/b/c.txt'), expected: 'c.txt' },
    {
      title: 'crumbs posix',
      run: () => breadcrumbs('/var/www'),
      expected: [
        { label: '/', path: '/' },
        { label: 'var', path: '/var' },
        { label: 'www', path: '/var/www' },
      ],
    },
    {
      title: 'crumbs windows',
      run: () => breadcrumbs('C:\\Users\\me'),
      expected: [
        { label: 'C:', path: 'C:\\' },
        { label: 'Users', path: 'C:\\Users' },
        { label: 'me', path: 'C:\\Users\\me' },
      ],
    },
  ];
  for (const r of rows) it(r.title, () => expect(r.run()).toEqual(r.expected));
});

describe('permissions', () => {
  it('octal ⇄ bits', () => {
    expect(formatOctal(0o755)).toBe('755');
    expect(formatOctal(0o4755)).toBe('4755');
    expect(parseOctal('0644')).toBe(0o644);
    expect(parseOctal('89')).toBeNull();
    expect(parseOctal('75')).toBeNull();
    expect(hasBit(0o750, 'group', 'execute')).toBe(true);
    expect(hasBit(0o750, 'other', 'read')).toBe(false);
    expect(setBit(0o644, 'owner', 'execute', true)).toBe(0o744);
    expect(setBit(0o644, 'group', 'read', false)).toBe(0o604);
  });
  it('rwx strings', () => {
    expect(modeFromPermissions('rwxr-xr-x')).toBe(0o755);
    expect(modeFromPermissions('-rw-r--r--')).toBe(0o644);
    expect(modeFromPermissions('drwsr-sr-t')).toBe(0o7755);
    expect(modeFromPermissions('rwSr--r--')).toBe(0o4644);
    expect(modeFromPermissions('garbage')).toBeNull();
    expect(permissionsFromMode(0o640)).toBe('rw-r-----');
  });
});

describe('urlOf', () => {
  it('remote URLs never carry a password and omit default ports', () => {
    expect(urlOf({ protocol: 'sftp', host: 'h', port: 22, user: 'me' }, '/a b/c')).toBe(
      'sftp://me@h/a%20b/c',
    );
    expect(urlOf({ protocol: 'ftp-insecure', host: 'h', port: 2121, user: 'anonymous' }, '/x')).toBe(
      'ftp://h:2121/x',
    );
    expect(urlOf({ protocol: 'ftpes', host: '::1', port: 21, user: '' }, '/')).toBe('ftpes://[::1]/');
  });
  it('local paths become file URLs', () => {
    expect(urlOf(null, '/home/me/a.txt')).toBe('file:///home/me/a.txt');
    expect(urlOf(null, 'C:\\Users\\me')).toBe('file:///C%3A/Users/me');
  });
});
