/**
 * No keychain reachable: DBUS_SESSION_BUS_ADDRESS points at a socket nobody listens on. This is
 * its own file because @napi-rs/keyring binds to the bus address once per process, and vitest
 * runs each file in a fresh process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringSecretStore, SessionSecretStore, openSecretStore } from '../../../src-main/keychain/index.js';
import { SiteStore, createSite } from '../../../src-main/sites/index.js';

const fixture = readFileSync(new URL('../../fixtures/sites/sitemanager.xml', import.meta.url), 'utf8');
let dir: string;
const previousAddress = process.env['DBUS_SESSION_BUS_ADDRESS'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-no-keychain-'));
  process.env['DBUS_SESSION_BUS_ADDRESS'] = `unix:path=${join(dir, 'no-bus-here')}`;
});
afterAll(() => {
  if (previousAddress === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = previousAddress;
  rmSync(dir, { recursive: true, force: true });
});

describe('no keychain reachable', () => {
  it('fails every keychain call with KEYCHAIN_UNAVAILABLE and a hint, quickly', async () => {
    const secrets = new KeyringSecretStore({ service: 'FerryTest', timeoutMs: 10_000 });
    for (const call of [() => secrets.get('a'), () => secrets.set('a', 'x'), () => secrets.delete('a')]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', retryable: false });
      expect((error as Error).message).toMatch(/no-bus-here/);
      expect((error as { hint?: string }).hint).toMatch(/Secret Service.*D-Bus.*memory for this session/s);
    }
    expect(await secrets.available()).toBe(false);
  });

  it('openSecretStore falls back to the session store and says why', async () => {
    const opened = await openSecretStore({ service: 'FerryTest' });
    expect(opened.keychain).toBe('unavailable');
    expect(opened.store).toBeInstanceOf(SessionSecretStore);
    expect(opened.store.kind).toBe('session');
    expect(opened.error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(opened.error?.hint).toBeTruthy();
  });

  it('refuses to save a site with a password, and writes nothing', async () => {
    const storeDir = join(dir, 'save');
    const store = new SiteStore({ cwd: storeDir, secrets: new KeyringSecretStore({ service: 'FerryTest' }) });
    await expect(
      store.save(createSite({ name: 'x', protocol: 'ftp', host: '127.0.0.1', user: 'u' }), 'never-on-disk'),
    ).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
    expect(store.list()).toEqual([]);
    const files = readdirSync(storeDir);
    for (const file of files)
      expect(readFileSync(join(storeDir, file), 'utf8')).not.toContain('never-on-disk');
    // Without a password the site saves fine.
    expect(
      (await store.save(createSite({ name: 'x', protocol: 'ftp', host: '127.0.0.1', user: 'u' }))).hasSecret,
    ).toBe(false);
  });

  it('imports FileZilla sites without their passwords and lists them for re-entry', async () => {
    const store = new SiteStore({
      cwd: join(dir, 'import'),
      secrets: new KeyringSecretStore({ service: 'FerryTest' }),
    });
    const report = await store.importFileZilla(fixture);
    expect(report.imported).toBe(8);
    expect(report.secretsMoved).toBe(0);
    expect(report.needsPassword).toEqual([
      'Top FTP',
      'Work/Clients/Implicit FTPS',
      'Work/Clients/Ünïcødé サーバー',
      'Public/Legacy plain',
    ]);
    expect(report.warnings.join('\n')).toMatch(/Passwords could not be saved.*D-Bus/s);
    expect(store.list().every((s) => !s.hasSecret)).toBe(true);
    // Without its password a normal logon would log in with none: such sites ask instead.
    expect(store.list().find((s) => s.name === 'Top FTP')?.logonType).toBe('ask');
    const text = readFileSync(store.path, 'utf8');
    for (const secret of ['pa55 wörd', 'ünïcødé-秘密', 'plain secret']) expect(text).not.toContain(secret);
  });

  it('with the session fallback, remembers passwords in memory only', async () => {
    const session = new SessionSecretStore();
    const store = new SiteStore({ cwd: join(dir, 'session'), secrets: session });
    const site = await store.save(
      createSite({ name: 's', protocol: 'sftp', host: '127.0.0.1', user: 'u' }),
      'memory-only',
    );
    expect(await store.secret(site.id)).toBe('memory-only');
    expect(readFileSync(store.path, 'utf8')).not.toContain('memory-only');
  });
});
