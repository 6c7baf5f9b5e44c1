/**
 * bin/ferry and self-signed certificates with no terminal: refused with exit 5 and the SHA-256
 * fingerprint printed; `--tls-fingerprint` with that fingerprint pins it for the run; any other
 * fingerprint is refused. Explicit (ftpes://, vsftpd with require_ssl_reuse) and implicit (ftps://).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
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

const SERVERS = [
  { kind: 'vsftpd-ftps-explicit' as const, scheme: 'ftpes' },
  { kind: 'vsftpd-ftps-implicit' as const, scheme: 'ftps' },
];

const servers = new Map<string, RunningServer>();
let cli: CliOptions;
let local: string;

beforeAll(async () => {
  buildCli();
  const started = await Promise.all(SERVERS.map(({ kind }) => startServer(kind)));
  for (const server of started) servers.set(server.kind, server);
  local = await tempDir('tls-local');
  cli = { configDir: await tempDir('tls-config'), cwd: local };
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.dispose()));
});

describe.concurrent.each(SERVERS)('$scheme:// against $kind', ({ kind, scheme }) => {
  const server = (): RunningServer => servers.get(kind)!;
  const other = (): RunningServer => [...servers.values()].find((s) => s.kind !== kind)!;
  const url = (relativePath = ''): string => serverUrl(server(), relativePath, { scheme });

  it('an untrusted certificate with no terminal exits 5 and prints its SHA-256 fingerprint', async () => {
    const result = await ferry(['ls', url()], cli);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(server().certFingerprint256!);
    expect(result.stderr).toMatch(/--tls-fingerprint/);
    expect(result.stdout).toBe('');
  });

  it('--tls-fingerprint with that fingerprint lists and transfers (TLS data connections reused)', async () => {
    const pin = server().certFingerprint256!;
    await server().writeFile(`${scheme}/down.bin`, patternBytes(1_500_000, 5));
    const listed = await ferry(['ls', '--tls-fingerprint', pin, url(scheme)], cli);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ down\.bin\n/);

    const got = await ferry(
      ['get', '--tls-fingerprint', pin, url(`${scheme}/down.bin`), `${scheme}.bin`],
      cli,
    );
    expect(got.code).toBe(0);
    expect(await sha256File(join(local, `${scheme}.bin`))).toBe(sha256(patternBytes(1_500_000, 5)));

    await writeFile(join(local, `${scheme}-up.bin`), patternBytes(777_777, 6));
    // Colons are optional and case does not matter: a fingerprint pasted from elsewhere works.
    const loose = pin.replaceAll(':', '').toLowerCase();
    const put = await ferry(
      ['put', '--tls-fingerprint', loose, `${scheme}-up.bin`, url(`${scheme}/up.bin`)],
      cli,
    );
    expect(put.code).toBe(0);
    expect(sha256(await readFile(server().localPath(`${scheme}/up.bin`)))).toBe(
      sha256(patternBytes(777_777, 6)),
    );
    // A pin given on the command line is for this run only: nothing is written to the trust store.
    expect(await readdir(cli.configDir)).not.toContain('trusted-certificates.json');
  });

  it('a different fingerprint is refused with exit 5, naming both', async () => {
    const wrong = other().certFingerprint256!;
    const result = await ferry(['ls', '--tls-fingerprint', wrong, url()], cli);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(server().certFingerprint256!);
    expect(result.stderr).toContain(wrong);
    expect(result.stderr).toMatch(/refused/);
  });
});

it('ftp:// (TLS if offered) upgrades with AUTH TLS and honours --tls-fingerprint', async () => {
  const explicit = servers.get('vsftpd-ftps-explicit')!;
  const refused = await ferry(['ls', serverUrl(explicit, '', { scheme: 'ftp' })], cli);
  expect(refused.code).toBe(5);
  expect(refused.stderr).toContain(explicit.certFingerprint256!);
  const pinned = await ferry(
    [
      'ls',
      '-v',
      '--tls-fingerprint',
      explicit.certFingerprint256!,
      serverUrl(explicit, '', { scheme: 'ftp' }),
    ],
    cli,
  );
  expect(pinned.code).toBe(0);
  expect(pinned.stderr).toMatch(/^> AUTH TLS$/m);
  expect(pinned.stderr).not.toContain(explicit.password);
});

it('at a terminal the certificate is asked about: "a" (always) pins it for later runs without one', async () => {
  const server = servers.get('vsftpd-ftps-implicit')!;
  const configDir = await tempDir('tls-terminal-config');
  const target = serverUrl(server, '', { scheme: 'ftps' });
  const rejected = await ferryAtTerminal(['ls', target], [{ waitFor: /Trust it\?/, send: 'n\r' }], {
    configDir,
  });
  expect(rejected.output).toContain(server.certFingerprint256!);
  expect(rejected.code).toBe(5);

  const trusted = await ferryAtTerminal(['ls', target], [{ waitFor: /Trust it\?/, send: 'a\r' }], {
    configDir,
  });
  expect(trusted.code).toBe(0);
  expect(
    JSON.stringify(JSON.parse(await readFile(join(configDir, 'trusted-certificates.json'), 'utf8'))),
  ).toContain(server.certFingerprint256!);
  const later = await ferry(['ls', target], { configDir });
  expect(later.stderr).toBe('');
  expect(later.code).toBe(0);
});
