/**
 * The keychain and the site store against a real Secret Service (gnome-keyring on a private
 * D-Bus). Secrets are checked both through Ferry and through secret-tool, which reads the
 * keyring independently of @napi-rs/keyring.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeyringSecretStore, openSecretStore } from '../../../src-main/keychain/index.js';
import { SiteStore, createSite, siteSecretAccount } from '../../../src-main/sites/index.js';
import { startKeyringEnv, type KeyringEnv } from './keyring-env.js';

const SERVICE = 'FerryTest';
const fixture = readFileSync(new URL('../../fixtures/sites/sitemanager.xml', import.meta.url), 'utf8');

let keyring: KeyringEnv;
let dir: string;
const secrets = new KeyringSecretStore({ service: SERVICE, timeoutMs: 10_000 });

/** What gnome-keyring holds for an account, asked without going through Ferry's code. */
async function lookup(account: string): Promise<string | null> {
  try {
    return await keyring.secretTool(['lookup', 'service', SERVICE, 'username', account]);
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}

/** The sites file must not hold a secret in any form a stealer could read back. */
function expectFileFree(path: string, secret: string): void {
  const bytes = readFileSync(path);
  for (const form of [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('base64')),
  ]) {
    expect(bytes.includes(form), `${path} contains the secret`).toBe(false);
  }
  expect(bytes.toString('utf8')).not.toContain(JSON.stringify(secret).slice(1, -1));
}

beforeAll(async () => {
  keyring = await startKeyringEnv();
}, 30_000);
afterAll(async () => {
  await keyring?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-sites-keychain-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('KeyringSecretStore on a real Secret Service', () => {
  it('stores, reads, updates and deletes a secret', async () => {
    const account = 'site/round-trip';
    expect(await secrets.get(account)).toBeNull();
    await secrets.set(account, 'first pässwörd 🔑');
    expect(await secrets.get(account)).toBe('first pässwörd 🔑');
    expect(await lookup(account)).toBe('first pässwörd 🔑');
    await secrets.set(account, 'second');
    expect(await secrets.get(account)).toBe('second');
    expect(await lookup(account)).toBe('second');
    expect(await secrets.delete(account)).toBe(true);
    expect(await secrets.get(account)).toBeNull();
    expect(await lookup(account)).toBeNull();
    expect(await secrets.delete(account)).toBe(false);
  });

  it('reports itself available, and openSecretStore picks it', async () => {
    expect(await secrets.available()).toBe(true);
    const opened = await openSecretStore({ service: SERVICE });
    expect(opened.keychain).toBe('available');
    expect(opened.store.kind).toBe('keychain');
    expect(opened.error).toBeUndefined();
  });
});

describe('SiteStore with the real keychain', () => {
  it('keeps the password only in the keychain, through save, update, reopen and delete', async () => {
    const store = new SiteStore({ cwd: dir, secrets });
    const site = await store.save(
      createSite({ name: 'prod', protocol: 'sftp', host: '127.0.0.1', user: 'deploy' }),
      'S3cret-Ünïcødé-pw',
    );
    const account = siteSecretAccount(site.id);
    expect(await lookup(account)).toBe('S3cret-Ünïcødé-pw');
    expectFileFree(store.path, 'S3cret-Ünïcødé-pw');

    await store.save({ ...site, comments: 'edited' });
    expect(await lookup(account)).toBe('S3cret-Ünïcødé-pw');
    await store.save(site, 'Rotated-pw-2');
    expectFileFree(store.path, 'Rotated-pw-2');
    expectFileFree(store.path, 'S3cret-Ünïcødé-pw');

    const reopened = new SiteStore({ cwd: dir, secrets: new KeyringSecretStore({ service: SERVICE }) });
    expect(await reopened.secret(site.id)).toBe('Rotated-pw-2');
    expect(await reopened.target(site.id)).toMatchObject({
      host: '127.0.0.1',
      user: 'deploy',
      password: 'Rotated-pw-2',
      siteId: site.id,
    });

    expect(await reopened.delete(site.id)).toBe(true);
    expect(await lookup(account)).toBeNull();
    expect(reopened.list()).toEqual([]);
  });

  it('deletes the secret when the site is saved with null', async () => {
    const store = new SiteStore({ cwd: dir, secrets });
    const site = await store.save(
      createSite({ name: 'ftp', protocol: 'ftpes', host: '127.0.0.1', user: 'u' }),
      'to-be-cleared',
    );
    const cleared = await store.save(site, null);
    expect(cleared.hasSecret).toBe(false);
    expect(await lookup(siteSecretAccount(site.id))).toBeNull();
  });

  it('moves FileZilla passwords into the keychain and none into the file, once', async () => {
    const store = new SiteStore({ cwd: dir, secrets });
    const report = await store.importFileZilla(fixture);
    expect(report).toMatchObject({
      imported: 8,
      secretsMoved: 3,
      needsPassword: ['Work/Clients/Implicit FTPS'],
    });
    expect(report.warnings.join('\n')).toMatch(/still holds them in clear/);
    const byName = new Map(store.list().map((s) => [s.name, s]));
    expect(await lookup(siteSecretAccount(byName.get('Top FTP')?.id ?? ''))).toBe('pa55 wörd');
    expect(await lookup(siteSecretAccount(byName.get('Ünïcødé サーバー')?.id ?? ''))).toBe('ünïcødé-秘密');
    expect(await lookup(siteSecretAccount(byName.get('Legacy plain')?.id ?? ''))).toBe('plain secret');
    for (const secret of ['pa55 wörd', 'ünïcødé-秘密', 'plain secret']) expectFileFree(store.path, secret);

    expect(await store.importFileZilla(fixture)).toMatchObject({
      imported: 0,
      duplicates: 8,
      secretsMoved: 0,
    });
    for (const site of store.list()) await store.delete(site.id);
    expect(await lookup(siteSecretAccount(byName.get('Top FTP')?.id ?? ''))).toBeNull();
  });

  it('sets aside a truncated sites file, reports it, and carries on with the keychain', async () => {
    const store = new SiteStore({ cwd: dir, secrets });
    const site = await store.save(
      createSite({ name: 'kept', protocol: 'ftp', host: '127.0.0.1', user: 'u' }),
      'kept-secret',
    );
    const full = readFileSync(store.path);
    writeFileSync(store.path, full.subarray(0, Math.floor(full.length / 2)));

    const reopened = new SiteStore({ cwd: dir, secrets });
    expect(reopened.problems).toHaveLength(1);
    expect(reopened.problems[0]).toMatchObject({ code: 'SITE_STORE' });
    expect(reopened.problems[0]?.hint).toMatch(/sites\.json\.corrupt-/);
    const backups = readdirSync(dir).filter((f) => f.startsWith('sites.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(
      readFileSync(join(dir, backups[0] ?? '')).equals(full.subarray(0, Math.floor(full.length / 2))),
    ).toBe(true);
    // The keychain entry survives; the user re-creates the site (or recovers it from the backup).
    expect(await lookup(siteSecretAccount(site.id))).toBe('kept-secret');
    await secrets.delete(siteSecretAccount(site.id));
  });
});
