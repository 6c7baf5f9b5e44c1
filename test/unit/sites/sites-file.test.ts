import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite } from '../../../src-main/sites/site-defaults.js';
import { backupPath, readSitesFile } from '../../../src-main/sites/sites-file.js';

const now = new Date('2026-11-22T17:30:05.123Z');
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-sites-file-'));
  file = join(dir, 'sites.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const good = createSite({ name: 'ok', protocol: 'sftp', host: 'h' });

describe('reading sites.json', () => {
  it('treats a missing file as an empty list without complaint', () => {
    const read = readSitesFile(file, now);
    expect(read).toMatchObject({
      missing: true,
      unusable: false,
      cleaned: false,
      problems: [],
      document: { sites: [], recent: [] },
    });
  });

  it('accepts a valid document', () => {
    writeFileSync(file, JSON.stringify({ version: 1, sites: [good], recent: [] }));
    const read = readSitesFile(file, now);
    expect(read.problems).toEqual([]);
    expect(read.document.sites).toEqual([good]);
  });

  const unusable: Array<{ title: string; text: string }> = [
    { title: 'truncated JSON', text: JSON.stringify({ version: 1, sites: [good] }).slice(0, 40) },
    { title: 'an empty file', text: '' },
    { title: 'binary garbage', text: '\u0000\u0001\u0002garbage' },
    { title: 'JSON that is not an object', text: '[1, 2, 3]' },
    { title: 'a sites field that is not a list', text: '{"version":1,"sites":{"a":1}}' },
  ];
  for (const row of unusable) {
    it(`sets aside ${row.title} and reports it`, () => {
      writeFileSync(file, row.text);
      const read = readSitesFile(file, now);
      expect(read.unusable).toBe(true);
      expect(read.document.sites).toEqual([]);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]).toMatchObject({ code: 'SITE_STORE' });
      const backup = `${file}.corrupt-2026-11-22T17-30-05-123Z`;
      expect(read.problems[0]?.hint).toContain(backup);
      expect(readFileSync(backup, 'utf8')).toBe(row.text);
      expect(readdirSync(dir)).toEqual(['sites.json.corrupt-2026-11-22T17-30-05-123Z']);
    });
  }

  it('keeps valid entries, drops invalid ones into a backup copy, and names them', () => {
    const bad = { ...good, id: 'x', name: 'broken', port: 70000 };
    const text = JSON.stringify({ version: 1, sites: [good, bad, 'nonsense'], recent: [{ key: 1 }] });
    writeFileSync(file, text);
    const read = readSitesFile(file, now);
    expect(read.cleaned).toBe(true);
    expect(read.document.sites).toEqual([good]);
    expect(read.problems[0]?.message).toMatch(
      /3 entries.*site #2 \("broken"\): port.*site #3.*recent connection #1/,
    );
    expect(readFileSync(`${file}.corrupt-2026-11-22T17-30-05-123Z`, 'utf8')).toBe(text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses, untouched, a file from a newer format', () => {
    const text = JSON.stringify({ version: 2, sites: [] });
    writeFileSync(file, text);
    expect(() => readSitesFile(file, now)).toThrowError(expect.objectContaining({ code: 'SITE_STORE' }));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('never overwrites an earlier backup', () => {
    const first = backupPath(file, now);
    writeFileSync(first, 'old');
    expect(backupPath(file, now)).toBe(`${first}-2`);
  });
});
