/**
 * `--tls-fingerprint` names the one certificate the run accepts. A certificate pinned earlier
 * with "always" (trusted-certificates.json, shared with the app) overrode it: a wrong pin on the
 * command line still connected. Any other certificate is now refused, naming both fingerprints.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { buildCli, ferry, serverUrl, tempDir } from './cli-kit.js';

let server: RunningServer;
let other: RunningServer;

beforeAll(async () => {
  buildCli();
  [server, other] = await Promise.all([
    startServer('vsftpd-ftps-implicit'),
    startServer('vsftpd-ftps-explicit'),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.dispose(), other?.dispose()]);
});

it('a --tls-fingerprint that does not match is refused even when the store pinned the presented one', async () => {
  const configDir = await tempDir('pin-over-store');
  // What an earlier "always" at a terminal (or in the app) wrote for this host:port.
  await writeFile(
    join(configDir, 'trusted-certificates.json'),
    `${JSON.stringify({
      [`${server.host}:${server.port}`]: { fingerprint256: server.certFingerprint256, pinnedAt: Date.now() },
    })}\n`,
  );
  const wrong = other.certFingerprint256!;
  expect(wrong).not.toBe(server.certFingerprint256);

  const result = await ferry(['ls', '--tls-fingerprint', wrong, serverUrl(server, '', { scheme: 'ftps' })], {
    configDir,
  });
  // The run pinned `wrong`; the server presented another certificate.
  expect(result.code).toBe(5);
  expect(result.stderr).toContain(wrong);
  expect(result.stderr).toContain(server.certFingerprint256!);
});
