/**
 * ferry sites add | ls | rm | import and `site:NAME/path` refs, with no keychain reachable
 * (the kit hides the session bus): the CLI must say so, and the sites file under
 * FERRY_CONFIG_DIR must never hold a password, whether typed in a URL or imported from FileZilla.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { siteSecretAccount } from '../../../src-main/sites/index.js';
import { startKeyringEnv, type KeyringEnv } from '../sites/keyring-env.js';
import { buildCli, ferry, serverUrl, tempDir, type CliOptions } from './cli-kit.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/sites/sitemanager.xml');

describe('ferry sites, no keychain reachable', () => {
  let ftp: RunningServer;
  let sftp: RunningServer;
  let cli: CliOptions;
  let knownHosts: string;
  const sitesFile = (): Promise<string> => readFile(join(cli.configDir, 'sites.json'), 'utf8');

  beforeAll(async () => {
    buildCli();
    [ftp, sftp] = await Promise.all([startServer('vsftpd'), startServer('sshd')]);
    cli = { configDir: await tempDir('sites-config') };
    knownHosts = join(cli.configDir, 'test_known_hosts');
    await writeFile(knownHosts, `[127.0.0.1]:${sftp.port} ${sftp.hostKeyLine}\n`);
  });
  afterAll(async () => {
    await Promise.all([ftp?.dispose(), sftp?.dispose()]);
  });

  it('sites add with a password: says there is no keychain, never writes the password', async () => {
    const added = await ferry(
      [
        'sites',
        'add',
        'Plain FTP',
        serverUrl(ftp, 'pub', { scheme: 'ftp+insecure' }),
        '--folder',
        'Work/Tests',
      ],
      cli,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^saved Work\/Tests\/Plain FTP /);
    expect(added.stderr).toMatch(/no keychain is reachable/);
    expect(added.stderr).toMatch(/not saved/);
    const file = await sitesFile();
    expect(file).toContain('Plain FTP');
    expect(file).not.toContain(ftp.password);

    const listed = await ferry(['sites', 'ls'], cli);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Work/Tests/Plain FTP\tftp-insecure://${ftp.user}@127.0.0.1:${ftp.port}`);
    // It was not kept, so it must not claim to be in a keychain.
    expect(listed.stdout).not.toMatch(/Plain FTP.*keychain/);
  });

  it('site:NAME whose password was not kept: with no terminal, exit 3 and a hint', async () => {
    await ftp.writeFile('pub/readme.txt', 'hello');
    const result = await ferry(['ls', 'site:Work/Tests/Plain FTP'], cli);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No password was given/);
  });

  it('an SFTP site with a key file: ferry ls site:NAME and site:NAME/path', async () => {
    await sftp.writeFile('site files/inside.txt', 'inside');
    await sftp.writeFile('top.txt', 'top');
    const remote = serverUrl(sftp, '', { scheme: 'sftp', password: null });
    const added = await ferry(['sites', 'add', 'Key SFTP', remote, '-i', sftp.clientKeyFile!], cli);
    expect(added.code).toBe(0);

    const home = await ferry(['ls', '--known-hosts', knownHosts, 'site:Key SFTP'], cli);
    expect(home.stderr).toBe('');
    expect(home.code).toBe(0);
    expect(home.stdout).toMatch(/ top\.txt\n/);
    expect(home.stdout).toMatch(/^d.* site files\n/m);

    const sub = await ferry(
      ['ls', '--known-hosts', knownHosts, `site:Key SFTP${sftp.remotePath('site files')}`],
      cli,
    );
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/ inside\.txt\n/);
  });

  it('sites import sitemanager.xml: folders and unicode names, no password on disk, duplicates on re-import', async () => {
    const first = await ferry(['sites', 'import', FIXTURE], cli);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^imported 8, duplicates skipped 0/);
    // With no keychain the imported passwords could not be kept: each such site asks again,
    // and nothing claims they reached a keychain.
    expect(first.stdout).toMatch(/passwords moved to the keychain 0\n/);
    expect(first.stdout.match(/^needs its password entered again: /gm)).toHaveLength(4);
    expect(first.stdout).toMatch(/needs its password entered again: Top FTP/);
    expect(first.stderr).toMatch(/no keychain is reachable/);
    expect(first.stderr).not.toMatch(/moved into the keychain/);
    expect(first.stderr).toMatch(/4 site\(s\) need their password/);

    const listed = await ferry(['sites', 'ls'], cli);
    expect(listed.stdout).toContain('Work/Clients/Ünïcødé サーバー\t');
    expect(listed.stdout).toContain('Work/Deploy SFTP\tsftp://deploy@deploy.example.org:2222');
    expect(listed.stdout).not.toMatch(/keychain/);

    const xml = await readFile(FIXTURE, 'utf8');
    const secrets = [...xml.matchAll(/<Pass(?: encoding="base64")?>([^<]+)<\/Pass>/g)].flatMap(([, text]) => [
      text!,
      Buffer.from(text!, 'base64').toString('utf8'),
    ]);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const file = await sitesFile();
    for (const secret of secrets) expect(file).not.toContain(secret);

    const again = await ferry(['sites', 'import', FIXTURE], cli);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^imported 0, duplicates skipped 8/);
  });

  it('sites import of a file that does not exist: exit 4 and a plain message', async () => {
    const result = await ferry(['sites', 'import', 'no-such-sitemanager.xml'], cli);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/no-such-sitemanager\.xml does not exist/);
    expect(result.stderr).not.toMatch(/ENOENT/);
  });

  it('sites add of a name the folder already has: refused, so the name keeps naming one site', async () => {
    const url = serverUrl(ftp, 'pub', { scheme: 'ftp+insecure', password: null });
    expect((await ferry(['sites', 'add', 'prod', url, '--folder', 'Work'], cli)).code).toBe(0);
    const again = await ferry(['sites', 'add', 'prod', url, '--folder', 'Work'], cli);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/A site named Work\/prod already exists/);
    // The same name in another folder is another site.
    expect((await ferry(['sites', 'add', 'prod', url, '--folder', 'Home'], cli)).code).toBe(0);
    expect((await ferry(['sites', 'rm', 'Work/prod'], cli)).code).toBe(0);
  });

  it('sites rm deletes a site; an unknown name exits 4', async () => {
    const removed = await ferry(['sites', 'rm', 'Work/Tests/Plain FTP'], cli);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^deleted Work\/Tests\/Plain FTP/);
    expect((await ferry(['sites', 'ls'], cli)).stdout).not.toContain('Plain FTP');
    expect((await ferry(['sites', 'rm', 'Plain FTP'], cli)).code).toBe(4);
    expect((await ferry(['ls', 'site:Nobody/here'], cli)).code).toBe(4);
  });
});

/**
 * The same commands with a real Secret Service: a private gnome-keyring on a private bus (never
 * the developer's). Skipped, with its reason, where gnome-keyring cannot start.
 */
describe('ferry sites with a private keyring', () => {
  let ftp: RunningServer;
  let keyring: KeyringEnv | null = null;
  let unavailable = '';
  let cli: CliOptions;

  beforeAll(async () => {
    buildCli();
    try {
      keyring = await startKeyringEnv();
    } catch (error) {
      unavailable = (error as Error).message;
      return;
    }
    ftp = await startServer('vsftpd');
    cli = {
      configDir: await tempDir('sites-keyring-config'),
      env: { DBUS_SESSION_BUS_ADDRESS: keyring.address },
    };
  }, 60_000);
  afterAll(async () => {
    await ftp?.dispose();
    await keyring?.stop();
  });

  it('a password in the URL goes to the keychain only; site:NAME logs in with it; rm deletes it', async (context) => {
    if (!keyring) return context.skip(`no private keyring: ${unavailable}`);
    await ftp.writeFile('kept/file.txt', 'kept');
    const added = await ferry(
      ['sites', 'add', 'Kept', serverUrl(ftp, 'kept', { scheme: 'ftp+insecure' })],
      cli,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/password in the keychain/);
    const file = await readFile(join(cli.configDir, 'sites.json'), 'utf8');
    expect(file).not.toContain(ftp.password);
    const id = /\(([0-9a-f-]{36})\)/.exec(added.stdout)![1]!;
    expect(await keyring.secretTool(['lookup', 'service', 'Ferry', 'username', siteSecretAccount(id)])).toBe(
      ftp.password,
    );

    const listed = await ferry(['ls', 'site:Kept'], cli);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ file\.txt\n/);

    expect((await ferry(['sites', 'rm', 'Kept'], cli)).code).toBe(0);
    await expect(
      keyring.secretTool(['lookup', 'service', 'Ferry', 'username', siteSecretAccount(id)]),
    ).rejects.toThrow();
  });
});
