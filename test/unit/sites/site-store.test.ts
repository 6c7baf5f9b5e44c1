import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionSecretStore } from '../../../src-main/keychain/session-secret-store.js';
import { createSite } from '../../../src-main/sites/site-defaults.js';
import { recentSecretAccount, siteSecretAccount } from '../../../src-main/sites/secret-accounts.js';
import { SiteStore } from '../../../src-main/sites/site-store.js';

const fixture = readFileSync(new URL('../../fixtures/sites/sitemanager.xml', import.meta.url), 'utf8');

let dir: string;
let secrets: SessionSecretStore;
const open = (): SiteStore => new SiteStore({ cwd: dir, secrets });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-site-store-'));
  secrets = new SessionSecretStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SiteStore with the session secret store', () => {
  it('saves, lists, reopens and deletes a site; the secret never reaches the file', async () => {
    const store = open();
    const saved = await store.save(
      createSite({ name: 'box', protocol: 'sftp', host: 'example.com', user: 'me' }),
      'hunter2-secret',
    );
    expect(saved.hasSecret).toBe(true);
    expect(await secrets.get(siteSecretAccount(saved.id))).toBe('hunter2-secret');
    expect(readFileSync(store.path, 'utf8')).not.toContain('hunter2');

    const reopened = open();
    expect(reopened.problems).toEqual([]);
    expect(reopened.list()).toEqual([saved]);
    expect(await reopened.secret(saved.id)).toBe('hunter2-secret');

    expect(await reopened.delete(saved.id)).toBe(true);
    expect(await secrets.get(siteSecretAccount(saved.id))).toBeNull();
    expect(reopened.list()).toEqual([]);
    expect(await reopened.delete(saved.id)).toBe(false);
  });

  it('keeps the secret when none is given, deletes it on null', async () => {
    const store = open();
    const saved = await store.save(createSite({ name: 'box', protocol: 'ftp', host: 'h' }), 'pw');
    const renamed = await store.save({ ...saved, name: 'renamed' });
    expect(renamed).toMatchObject({ name: 'renamed', hasSecret: true });
    expect(await store.secret(saved.id)).toBe('pw');
    const cleared = await store.save(renamed, null);
    expect(cleared.hasSecret).toBe(false);
    expect(await secrets.get(siteSecretAccount(saved.id))).toBeNull();
  });

  it('drops a kept secret when the logon switches between key and password: its meaning changed', async () => {
    const store = open();
    const keySite = await store.save(
      createSite({ name: 'box', protocol: 'sftp', host: 'h', user: 'me', logonType: 'key', keyFile: '/k' }),
      'my-key-passphrase',
    );
    expect((await store.target(keySite.id)).passphrase).toBe('my-key-passphrase');
    // The editor with the password field left empty: "keep the saved secret" (undefined).
    const normal = await store.save({ ...keySite, logonType: 'normal', keyFile: '' });
    expect(normal.hasSecret).toBe(false);
    expect((await store.target(normal.id)).password).toBeUndefined();

    const withPassword = await store.save(normal, 'login-password');
    const backToKey = await store.save({ ...withPassword, logonType: 'key', keyFile: '/k' });
    expect(backToKey.hasSecret).toBe(false);
    expect((await store.target(backToKey.id)).passphrase).toBeUndefined();
  });

  it('two processes editing the same file lose nothing: each change re-reads the file first', async () => {
    const app = open();
    const cli = open();
    await app.save(createSite({ name: 'from-app', protocol: 'ftp', host: 'h' }));
    await cli.save(createSite({ name: 'from-cli', protocol: 'sftp', host: 'h' }));
    await app.save(createSite({ name: 'from-app-2', protocol: 'ftp', host: 'h' }));
    expect(
      open()
        .list()
        .map((s) => s.name),
    ).toEqual(['from-app', 'from-cli', 'from-app-2']);
    expect(cli.list().map((s) => s.name)).toEqual(['from-app', 'from-cli']);
    cli.reload();
    expect(cli.list()).toHaveLength(3);
  });

  it('gives new drafts an id and refuses invalid sites', async () => {
    const store = open();
    const { id: _id, ...draft } = createSite({ name: 'new', protocol: 'ftp', host: 'h' });
    const saved = await store.save(draft);
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(store.save({ ...draft, port: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.save({ ...draft, name: '' }, 'pw')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(store.list()).toHaveLength(1);
  });

  it('writes atomically: a new file replaces the old one, no temporary file is left, owner-only mode', async () => {
    const store = open();
    await store.save(createSite({ name: 'one', protocol: 'ftp', host: 'h' }));
    const before = statSync(store.path).ino;
    await store.save(createSite({ name: 'two', protocol: 'ftp', host: 'h' }));
    // write-to-temporary-then-rename gives the path a new inode; an in-place write would keep it.
    expect(statSync(store.path).ino).not.toBe(before);
    expect(readdirSync(dir)).toEqual(['sites.json']);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    // The same layout electron-store writes: tab-indented JSON.
    expect(readFileSync(store.path, 'utf8')).toMatch(/^\{\n\t"version": 1,\n\t"sites": \[/);
  });

  it('backs up and reports a corrupt file, and sets aside a file that goes bad while open', async () => {
    writeFileSync(join(dir, 'sites.json'), '{"version":1,"sites":[{"id":"a"');
    const store = open();
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toMatchObject({ code: 'SITE_STORE' });
    expect(readdirSync(dir).some((f) => f.startsWith('sites.json.corrupt-'))).toBe(true);
    const kept = await store.save(createSite({ name: 'kept', protocol: 'ftp', host: 'h' }));

    writeFileSync(store.path, '{"truncated": ');
    await store.save(createSite({ name: 'later', protocol: 'ftp', host: 'h' }));
    expect(store.problems).toHaveLength(2);
    expect(
      open()
        .list()
        .map((s) => s.name),
    ).toEqual([kept.name, 'later']);
    expect(readdirSync(dir).filter((f) => f.startsWith('sites.json.corrupt-'))).toHaveLength(2);
  });

  it('imports FileZilla sites, moves passwords to the secret store, and does not duplicate on a second run', async () => {
    const store = open();
    const report = await store.importFileZilla(fixture);
    expect(report).toMatchObject({
      imported: 8,
      duplicates: 0,
      secretsMoved: 3,
      needsPassword: ['Work/Clients/Implicit FTPS'],
    });
    expect(report.warnings.some((w) => w.includes('still holds them in clear'))).toBe(true);
    const top = store.list().find((s) => s.name === 'Top FTP');
    expect(top?.hasSecret).toBe(true);
    expect(await store.secret(top?.id ?? '')).toBe('pa55 wörd');
    const text = readFileSync(store.path, 'utf8');
    for (const secret of ['pa55', 'ünïcødé-秘密', 'plain secret', 'cGE1NSB3', 'ZmFrZS1lbmNyeXB0'])
      expect(text).not.toContain(secret);

    const again = await store.importFileZilla(fixture);
    expect(again).toMatchObject({ imported: 0, duplicates: 8, secretsMoved: 0 });
    expect(store.list()).toHaveLength(8);
  });

  it('imports OpenSSH hosts and detects duplicates', async () => {
    const store = open();
    const config = 'Host web\n  HostName web.example.com\n  User deploy\nHost *\n  Port 2222\n';
    expect(await store.importOpenSsh(config)).toMatchObject({ imported: 1, duplicates: 0 });
    expect(await store.importOpenSsh(config)).toMatchObject({ imported: 0, duplicates: 1 });
    expect(store.resolveSiteRef('site:web/srv/www')).toMatchObject({
      site: { host: 'web.example.com', port: 2222, protocol: 'sftp' },
      path: '/srv/www',
    });
  });

  it('exports JSON without secrets', async () => {
    const store = open();
    await store.importFileZilla(fixture);
    const exported = store.exportJson();
    const parsed = JSON.parse(exported) as { format: string; sites: Array<{ hasSecret: boolean }> };
    expect(parsed.format).toBe('ferry-sites');
    expect(parsed.sites).toHaveLength(8);
    expect(parsed.sites.every((s) => !s.hasSecret)).toBe(true);
    for (const secret of ['pa55', 'ünïcødé-秘密', 'plain secret']) expect(exported).not.toContain(secret);
  });

  it('builds connection targets: password for normal logons, none sent for key logons', async () => {
    const store = open();
    const normal = await store.save(
      createSite({
        name: 'n',
        protocol: 'ftpes',
        host: 'h',
        user: 'u',
        charset: 'ISO-8859-1',
        remoteDir: '/srv',
      }),
      'pw',
    );
    expect(await store.target(normal.id)).toEqual({
      protocol: 'ftpes',
      host: 'h',
      port: 21,
      user: 'u',
      password: 'pw',
      transferMode: 'auto',
      charset: 'ISO-8859-1',
      remoteDir: '/srv',
      siteId: normal.id,
    });
    const key = await store.save(
      createSite({ name: 'k', protocol: 'sftp', host: 'h', user: 'u', logonType: 'key', keyFile: '/k' }),
      'passphrase',
    );
    const keyTarget = await store.target(key.id);
    expect(keyTarget).toMatchObject({ identityFile: '/k', user: 'u' });
    expect(keyTarget.password).toBeUndefined();
    const anon = createSite({ name: 'a', protocol: 'ftp', host: 'h', logonType: 'anonymous' });
    expect(store.toConnectionTarget(anon, null)).toMatchObject({
      user: 'anonymous',
      password: 'anonymous@example.com',
    });
    await expect(store.target('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('remembers recent quick connections without passwords unless asked, most recent first', async () => {
    const store = open();
    await store.addRecent({ protocol: 'ftp', host: 'one.example', user: 'u', password: 'not-saved' });
    const saved = await store.addRecent(
      { protocol: 'sftp', host: 'two.example', port: 2222, user: 'v', password: 'saved-pw' },
      { savePassword: true },
    );
    expect(saved.key).toBe('sftp://v@two.example:2222');
    expect(store.recent().map((r) => r.target.host)).toEqual(['two.example', 'one.example']);
    expect(await store.recentSecret(saved.key)).toBe('saved-pw');
    expect(await store.recentSecret('ftp://u@one.example:21')).toBeNull();
    const text = readFileSync(store.path, 'utf8');
    expect(text).not.toContain('not-saved');
    expect(text).not.toContain('saved-pw');

    await store.addRecent({ protocol: 'ftp', host: 'one.example', user: 'u' });
    expect(store.recent().map((r) => r.target.host)).toEqual(['one.example', 'two.example']);
    for (let i = 0; i < 25; i++) await store.addRecent({ protocol: 'ftp', host: `h${i}.example` });
    expect(store.recent()).toHaveLength(20);
    // The evicted entry's saved password goes with it.
    expect(await secrets.get(recentSecretAccount(saved.key))).toBeNull();
  });
});
