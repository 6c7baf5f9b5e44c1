import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../src-shared/model.js';
import { siteSchema } from '../../../src-shared/schemas.js';
import { parseFileZillaSiteManager } from '../../../src-main/sites/filezilla-import.js';
import type { ImportedSite } from '../../../src-main/sites/imported-site.js';

const xml = readFileSync(new URL('../../fixtures/sites/sitemanager.xml', import.meta.url), 'utf8');

describe('FileZilla sitemanager.xml import', () => {
  const parsed = parseFileZillaSiteManager(xml);
  const byName = (name: string): ImportedSite => {
    const found = parsed.sites.find((s) => s.site.name === name);
    if (found === undefined) throw new Error(`no site ${name}`);
    return found;
  };
  const site = (name: string): Site => byName(name).site;

  it('reads every supported server, in nested folders, and skips the rest with a reason', () => {
    expect(parsed.sites.map((s) => [...s.site.folder, s.site.name].join('/'))).toEqual([
      'Top FTP',
      'Work/Deploy SFTP',
      'Work/Clients/Implicit FTPS',
      'Work/Clients/Explicit FTPES',
      'Work/Clients/Ünïcødé サーバー',
      'Public/Mirror',
      'Public/Interactive',
      'Public/Legacy plain',
    ]);
    expect(parsed.warnings.some((w) => w.includes('Public/Web (S3)') && w.includes('protocol 7'))).toBe(true);
    for (const { site: s } of parsed.sites) expect(siteSchema.safeParse(s).success).toBe(true);
  });

  it('maps protocols 0, 1, 3, 4 and 6', () => {
    expect(site('Top FTP').protocol).toBe('ftp');
    expect(site('Deploy SFTP').protocol).toBe('sftp');
    expect(site('Implicit FTPS').protocol).toBe('ftps');
    expect(site('Explicit FTPES').protocol).toBe('ftpes');
    expect(site('Ünïcødé サーバー').protocol).toBe('ftp-insecure');
  });

  it('maps logon types', () => {
    expect(site('Mirror').logonType).toBe('anonymous');
    expect(site('Top FTP').logonType).toBe('normal');
    expect(site('Explicit FTPES').logonType).toBe('ask');
    expect(site('Interactive').logonType).toBe('interactive');
    expect(site('Ünïcødé サーバー').logonType).toBe('normal');
    expect(parsed.warnings.some((w) => w.includes('Ünïcødé サーバー') && w.includes('ACCT'))).toBe(true);
    expect(site('Deploy SFTP')).toMatchObject({
      logonType: 'key',
      keyFile: '/home/alice/.ssh/id_ed25519',
      user: 'deploy',
    });
  });

  it('keeps host, port, user, transfer mode, charset and connection limits', () => {
    expect(site('Top FTP')).toMatchObject({
      host: 'ftp.example.com',
      port: 21,
      user: 'alice',
      transferMode: 'auto',
      charset: 'auto',
      maxConnections: 2,
    });
    expect(site('Deploy SFTP')).toMatchObject({ port: 2222, charset: 'utf-8', maxConnections: 4 });
    expect(site('Implicit FTPS')).toMatchObject({
      port: 990,
      transferMode: 'active',
      charset: 'ISO-8859-1',
      maxConnections: 1,
    });
    expect(site('Explicit FTPES').transferMode).toBe('passive');
    expect(site('Ünïcødé サーバー')).toMatchObject({ port: 2121, user: 'ユーザー', maxConnections: 10 });
    expect(parsed.warnings.some((w) => w.includes('25 simultaneous connections'))).toBe(true);
    expect(site('Legacy plain').port).toBe(21);
  });

  it('decodes local and remote folders, comments, colours and bookmarks', () => {
    expect(site('Top FTP')).toMatchObject({
      localDir: '/home/alice/site',
      remoteDir: '/home/debian',
      comments: 'Main site.\nSecond line & more.',
      colour: '',
      bookmarks: [
        { name: 'Logs', localDir: '/home/alice/logs', remoteDir: '/var/log' },
        { name: 'My files', localDir: '/home/alice/My Files', remoteDir: '/home/my shared files' },
      ],
    });
    expect(site('Implicit FTPS').remoteDir).toBe('/');
    expect(site('Deploy SFTP')).toMatchObject({ remoteDir: '/srv/app', localDir: '', colour: 'blue' });
    expect(site('Ünïcødé サーバー')).toMatchObject({
      localDir: '/home/alice/dätä',
      remoteDir: '/dätä/my docs/日本語',
      comments: 'Ünïcødé comment — 日本語',
      colour: 'orange',
      bookmarks: [{ name: 'Ünïcødé bookmark', localDir: '', remoteDir: '/dätä' }],
    });
    expect(site('Mirror').colour).toBe('green');
  });

  it('returns passwords apart from the site: base64 decoded, plain kept, crypt flagged, anonymous and ask dropped', () => {
    expect(byName('Top FTP').password).toBe('pa55 wörd');
    expect(byName('Ünïcødé サーバー').password).toBe('ünïcødé-秘密');
    expect(byName('Legacy plain').password).toBe('plain secret');
    expect(byName('Implicit FTPS')).toMatchObject({ needsPassword: true });
    expect(byName('Implicit FTPS').password).toBeUndefined();
    expect(byName('Mirror').password).toBeUndefined();
    expect(byName('Explicit FTPES').password).toBeUndefined();
    for (const { site: s } of parsed.sites) expect(s.hasSecret).toBe(false);
    expect(JSON.stringify(parsed.sites.map((s) => s.site))).not.toContain('pa55');
  });

  it('drops the stale password of an interactive (Logontype 3) site, which asks at each login', () => {
    const interactive = parseFileZillaSiteManager(`<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.4" platform="unix"><Servers><Server>
  <Host>sftp.example.com</Host><Port>22</Port><Protocol>1</Protocol><Type>0</Type>
  <User>otp-user</User><Pass encoding="base64">b2xkLXBhc3N3b3Jk</Pass><Logontype>3</Logontype>
  <Name>One-time passwords</Name>
</Server></Servers></FileZilla3>`);
    expect(interactive.sites).toHaveLength(1);
    expect(interactive.sites[0]!.site.logonType).toBe('interactive');
    expect(interactive.sites[0]!.password).toBeUndefined();
    expect(interactive.sites[0]!.needsPassword).toBeUndefined();
  });

  it('refuses files that are not a FileZilla site manager', () => {
    expect(() => parseFileZillaSiteManager('<html><body/></html>')).toThrow(/not a FileZilla site manager/);
    expect(() => parseFileZillaSiteManager('<FileZilla3><Servers>')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
