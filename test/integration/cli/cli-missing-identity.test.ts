/**
 * `ferry ls -i KEY sftp://…` where KEY does not exist (a typo, a moved file). ssh(1) says
 * "Identity file KEY not accessible: No such file or directory". Ferry skipped a missing key
 * file silently (right for the default ~/.ssh/id_* files, wrong for the one the user named) and
 * ended with a generic "All configured authentication methods failed". The login failure now
 * names the key file and why it could not be read.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { buildCli, ferry, serverUrl, tempDir } from './cli-kit.js';

let server: RunningServer;

beforeAll(async () => {
  buildCli();
  server = await startServer('sshd');
});
afterAll(async () => {
  await server?.dispose();
});

it('an -i key file that does not exist is named in the login failure', async () => {
  const local = await tempDir('missing-key');
  const knownHosts = join(local, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${server.port} ${server.hostKeyLine}\n`);
  const missing = join(local, 'id_ed25519_typo');
  const result = await ferry(
    [
      'ls',
      '-i',
      missing,
      '--known-hosts',
      knownHosts,
      serverUrl(server, '', { scheme: 'sftp', password: null }),
    ],
    { configDir: local },
  );
  expect(result.code).toBe(3);
  expect(result.stderr).toContain(`The key file ${missing} could not be read (no such file)`);
});
