import { describe, expect, it } from 'vitest';
import type { Site } from '../../../src-shared/model.js';
import { createSite } from '../../../src-main/sites/site-defaults.js';
import { isSiteRef, resolveSiteRef } from '../../../src-main/sites/site-ref.js';

const sites: Site[] = [
  createSite({ name: 'prod', folder: [], protocol: 'sftp', host: 'a' }),
  createSite({ name: 'web', folder: ['Work'], protocol: 'sftp', host: 'b' }),
  createSite({ name: 'Work', folder: [], protocol: 'ftp', host: 'c' }),
  createSite({ name: 'api', folder: ['Work', 'Clients'], protocol: 'ftpes', host: 'd' }),
  createSite({ name: 'a/b', folder: ['Odd'], protocol: 'ftp', host: 'e' }),
  createSite({ name: 'Ünïcødé サーバー', folder: [], protocol: 'ftp', host: 'f' }),
  createSite({ name: 'twin', folder: [], protocol: 'ftp', host: 'g' }),
  createSite({ name: 'twin', folder: [], protocol: 'ftp', host: 'h' }),
];

describe('site: references', () => {
  const rows: Array<{ title: string; ref: string; host: string; path: string | null }> = [
    { title: 'name only', ref: 'site:prod', host: 'a', path: null },
    { title: 'name and path', ref: 'site:prod/var/log', host: 'a', path: '/var/log' },
    { title: 'trailing slash is the root', ref: 'site:prod/', host: 'a', path: '/' },
    {
      title: 'folder then name: longest match wins',
      ref: 'site:Work/web/htdocs',
      host: 'b',
      path: '/htdocs',
    },
    { title: 'a site named like a folder still resolves', ref: 'site:Work/other', host: 'c', path: '/other' },
    { title: 'nested folders', ref: 'site:Work/Clients/api/v1', host: 'd', path: '/v1' },
    { title: 'slash inside a name is %2F', ref: 'site:Odd/a%2Fb/x', host: 'e', path: '/x' },
    { title: 'unicode and %20', ref: 'site:%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20サーバー/d', host: 'f', path: '/d' },
    {
      title: 'NFD input matches NFC name',
      ref: `site:${'Ünïcødé サーバー'.normalize('NFD')}`,
      host: 'f',
      path: null,
    },
    { title: 'case-insensitive when unambiguous', ref: 'site:PROD/x', host: 'a', path: '/x' },
    { title: 'leading slashes are ignored', ref: 'site://prod/x', host: 'a', path: '/x' },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const resolved = resolveSiteRef(row.ref, sites);
      expect(resolved.site.host).toBe(row.host);
      expect(resolved.path).toBe(row.path);
    });
  }

  it('says which references are unknown, empty or ambiguous', () => {
    expect(() => resolveSiteRef('site:nope/x', sites)).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => resolveSiteRef('site:', sites)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => resolveSiteRef('site:twin', sites)).toThrowError(/names 2 sites/);
    expect(() => resolveSiteRef('ftp://host', sites)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('recognises the prefix', () => {
    expect(isSiteRef('site:x')).toBe(true);
    expect(isSiteRef('SITE:x')).toBe(true);
    expect(isSiteRef('sftp://x')).toBe(false);
  });
});
