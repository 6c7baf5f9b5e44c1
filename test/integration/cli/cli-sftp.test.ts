/**
 * bin/ferry over SFTP against OpenSSH's sshd: a key (-i) and a known_hosts file
 * (--known-hosts) for get/put/ls, a password in the URL, and an unknown host key refused with
 * exit 5 and its SHA256 fingerprint printed when there is no terminal to ask at.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  buildCli,
  ferry,
  ferryAtTerminal,
  patternBytes,
  serverUrl,
  sha256,
  sha256File,
  tempDir,
  type CliOptions,
} from './cli-kit.js';

describe.concurrent('ferry over sftp:// against sshd', () => {
  let server: RunningServer;
  let local: string;
  let cli: CliOptions;
  let knownHosts: string;
  let emptyKnownHosts: string;
  /** sftp://user@host:port/path, no password: the key does the login. */
  const url = (relativePath = ''): string =>
    serverUrl(server, relativePath, { scheme: 'sftp', password: null });
  const keyed = (): string[] => ['-i', server.clientKeyFile!, '--known-hosts', knownHosts];

  beforeAll(async () => {
    buildCli();
    server = await startServer('sshd');
    local = await tempDir('sftp-local');
    cli = { configDir: await tempDir('sftp-config'), cwd: local };
    knownHosts = join(local, 'known_hosts');
    emptyKnownHosts = join(local, 'known_hosts.empty');
    await writeFile(knownHosts, `[127.0.0.1]:${server.port} ${server.hostKeyLine}\n`);
    await writeFile(emptyKnownHosts, '');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('put, ls and get with -i KEY and --known-hosts FILE are sha256-exact (0 B, 1 B, 2 MiB, unicode)', async () => {
    const rows = [
      { name: 'empty.bin', size: 0 },
      { name: 'one.bin', size: 1 },
      { name: 'ünïcødé #% 日本.bin', size: 2 * 1024 * 1024 + 3 },
    ];
    const results = await Promise.all(
      rows.map(async ({ name, size }) => {
        const data = patternBytes(size, size + 11);
        await writeFile(join(local, name), data);
        const put = await ferry(['put', ...keyed(), name, url(name)], cli);
        const onServer = put.code === 0 ? sha256(await readFile(server.localPath(name))) : null;
        const get = await ferry(['get', ...keyed(), url(name), `copy ${name}`], cli);
        const copied = get.code === 0 ? await sha256File(join(local, `copy ${name}`)) : null;
        return {
          name,
          put: [put.code, put.stderr],
          get: [get.code, get.stderr],
          onServer,
          copied,
          want: sha256(data),
        };
      }),
    );
    for (const row of results)
      expect(row).toEqual({ ...row, put: [0, ''], get: [0, ''], onServer: row.want, copied: row.want });

    const listed = await ferry(['ls', '--json', ...keyed(), url()], cli);
    expect(listed.code).toBe(0);
    const entries = JSON.parse(listed.stdout) as { name: string; size: number }[];
    for (const { name, size } of rows)
      expect(entries).toContainEqual(expect.objectContaining({ name, size }));
  });

  it('--resume finishes a truncated download and upload', async () => {
    const data = patternBytes(1_000_003, 42);
    await server.writeFile('resume.bin', data);
    await writeFile(join(local, 'resume-part.bin'), data.subarray(0, 400_000));
    expect(
      (await ferry(['get', '--resume', ...keyed(), url('resume.bin'), 'resume-part.bin'], cli)).code,
    ).toBe(0);
    expect(await sha256File(join(local, 'resume-part.bin'))).toBe(sha256(data));

    await server.writeFile('resume-up.bin', data.subarray(0, 300_000));
    await writeFile(join(local, 'resume-whole.bin'), data);
    expect(
      (await ferry(['put', '--resume', ...keyed(), 'resume-whole.bin', url('resume-up.bin')], cli)).code,
    ).toBe(0);
    expect(sha256(await readFile(server.localPath('resume-up.bin')))).toBe(sha256(data));
  });

  it('a password in the URL logs in', async () => {
    await server.writeFile('by-password.txt', 'password login\n');
    const withPassword = serverUrl(server, 'by-password.txt', { scheme: 'sftp' });
    const result = await ferry(['get', '-v', '--known-hosts', knownHosts, withPassword, '-'], cli);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('password login\n');
    expect(result.stderr).not.toContain(server.password);
  });

  it('an unknown host key with no terminal exits 5 and prints its SHA256 fingerprint', async () => {
    const result = await ferry(
      ['ls', '-i', server.clientKeyFile!, '--known-hosts', emptyKnownHosts, url()],
      cli,
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(server.hostKeyFingerprint!);
    expect(result.stderr).toMatch(/^ferry: .*SHA256:/m);
    // Refused means refused: nothing was added to the file.
    expect(await readFile(emptyKnownHosts, 'utf8')).toBe('');
  });

  it('at a terminal an unknown host key is asked about as ssh asks; "yes" stores it in --known-hosts', async () => {
    const fresh = join(local, 'known_hosts.asked');
    await writeFile(fresh, '');
    const asked = await ferryAtTerminal(
      ['ls', '-i', server.clientKeyFile!, '--known-hosts', fresh, url()],
      [{ waitFor: /continue connecting \(yes\/no\/once\)\?/, send: 'yes\r' }],
      cli,
    );
    expect(asked.output).toContain(server.hostKeyFingerprint!);
    expect(asked.code).toBe(0);
    expect(await readFile(fresh, 'utf8')).toContain(server.hostKeyLine!.split(' ')[1]!);
    const later = await ferry(['ls', '-i', server.clientKeyFile!, '--known-hosts', fresh, url()], cli);
    expect(later.code).toBe(0);
  });

  it('a wrong password exits 3; a missing file exits 4; mkdir, mv and rm -r work', async () => {
    const wrong = await ferry(
      ['ls', '--known-hosts', knownHosts, serverUrl(server, '', { scheme: 'sftp', password: 'nope' })],
      cli,
    );
    expect(wrong.code).toBe(3);
    expect((await ferry(['get', ...keyed(), url('missing.bin'), 'm.bin'], cli)).code).toBe(4);

    expect((await ferry(['mkdir', ...keyed(), url('made')], cli)).code).toBe(0);
    await server.writeFile('made/a.txt', 'a');
    expect((await ferry(['mv', ...keyed(), url('made/a.txt'), 'b.txt'], cli)).code).toBe(0);
    expect(await readFile(server.localPath('made/b.txt'), 'utf8')).toBe('a');
    expect((await ferry(['rm', '-r', ...keyed(), url('made')], cli)).code).toBe(0);
    await expect(readFile(server.localPath('made/b.txt'))).rejects.toThrow();
  });
});
