/**
 * An SFTP site saved without a user name. Sites keep `user: ''` when none was typed
 * (createSite's default, and what the ~/.ssh/config import writes for a Host without `User`),
 * and toConnectionTarget passes it on as `target.user = ''`. connectSftp takes the user with
 * `target.user ?? config.user ?? userInfo().username`, so '' wins over ~/.ssh/config's `User`
 * (and over the local account name, which ssh(1) uses): the server is asked to log in user "".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSftp } from '../../../src-main/sftp/index.js';
import { toConnectionTarget } from '../../../src-main/sites/connection-target.js';
import { parseOpenSshConfig } from '../../../src-main/sites/openssh-import.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  RecordingLogger,
  ScriptedPrompter,
  isolatedDeps,
  scratchDir,
  trustingKnownHosts,
} from './sftp-test-kit.js';

let server: RunningServer;
let scratch: { dir: string; remove: () => void };
let knownHosts: string;

beforeAll(async () => {
  server = await startServer('sshd');
  scratch = scratchDir();
  knownHosts = trustingKnownHosts(server, scratch.dir);
});
afterAll(async () => {
  await server?.dispose();
  scratch?.remove();
});

it('a site without a user name logs in as the ~/.ssh/config User, not as ""', async () => {
  const config = join(scratch.dir, 'ssh_config');
  writeFileSync(
    config,
    [
      'Host ferry-review-alias',
      `  HostName ${server.host}`,
      `  Port ${server.port}`,
      `  IdentityFile ${server.clientKeyFile}`,
      'Host *',
      `  User ${server.user}`,
    ].join('\n'),
  );
  // The site the import makes of that config (User comes from `Host *`, which the import reads too).
  const imported = parseOpenSshConfig(
    ['Host ferry-review-alias', `  Port ${server.port}`, `  IdentityFile ${server.clientKeyFile}`].join('\n'),
  );
  const site = imported.sites[0]!.site;
  expect(site.user).toBe('');
  const target = toConnectionTarget(site, null);
  expect(target.user).toBe('');

  const logger = new RecordingLogger();
  const outcome = await connectSftp(
    target,
    isolatedDeps(knownHosts, { sshConfigFile: config, logger, prompter: new ScriptedPrompter() }),
  ).then(
    async (fs) => {
      await fs.close();
      return 'connected';
    },
    (error: unknown) => `failed: ${(error as Error).message}`,
  );
  expect(outcome, logger.text()).toBe('connected');
});
