/** Authentication against OpenSSH sshd: password, keys, passphrases, keyboard-interactive, agent, ssh_config. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { connectSftp } from '../../../src-main/sftp/index.js';
import { toConnectionTarget } from '../../../src-main/sites/connection-target.js';
import { parseOpenSshConfig } from '../../../src-main/sites/openssh-import.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  RecordingLogger,
  ScriptedPrompter,
  isolatedDeps,
  scratchDir,
  targetFor,
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

describe('SFTP authentication', () => {
  it('logs in with a password', async () => {
    const fs = await connectSftp(targetFor(server, { password: server.password }), isolatedDeps(knownHosts));
    expect(await fs.home()).toMatch(/^\//);
    expect(fs.security).toMatchObject({ kind: 'ssh', hostKey: { fingerprint: server.hostKeyFingerprint } });
    await fs.close();
    expect(fs.connected).toBe(false);
  });

  it('logs in with an unencrypted key file and asks nothing', async () => {
    const prompter = new ScriptedPrompter();
    const logger = new RecordingLogger();
    const fs = await connectSftp(
      targetFor(server, { identityFile: server.clientKeyFile }),
      isolatedDeps(knownHosts, { prompter, logger }),
    );
    expect(prompter.asked).toEqual([]);
    expect(logger.text()).toContain(`Trying key ${server.clientKeyFile}`);
    await fs.close();
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one', async () => {
    let tries = 0;
    const prompter = new ScriptedPrompter({
      password: () => {
        tries += 1;
        return { password: tries === 1 ? 'wrong' : (server.clientKeyPassphrase ?? ''), remember: false };
      },
    });
    const fs = await connectSftp(
      targetFor(server, { identityFile: server.encryptedClientKeyFile }),
      isolatedDeps(knownHosts, { prompter }),
    );
    expect(prompter.asked.map((prompt) => prompt.kind)).toEqual(['password', 'password']);
    expect(prompter.asked[0]).toMatchObject({ reason: expect.stringContaining('Passphrase for key') });
    await fs.close();
  });

  it('opens an encrypted key with the passphrase saved for the site, asking nothing', async () => {
    const prompter = new ScriptedPrompter();
    const fs = await connectSftp(
      targetFor(server, {
        identityFile: server.encryptedClientKeyFile,
        passphrase: server.clientKeyPassphrase ?? '',
      }),
      isolatedDeps(knownHosts, { prompter }),
    );
    expect(prompter.asked).toEqual([]);
    await fs.close();
  });

  it('sends keyboard-interactive questions to the prompter', async () => {
    const prompter = new ScriptedPrompter({
      'keyboard-interactive': (prompt) => ({ answers: prompt.questions.map(() => server.password) }),
    });
    const fs = await connectSftp(targetFor(server), isolatedDeps(knownHosts, { prompter }));
    const asked = prompter.asked.find((prompt) => prompt.kind === 'keyboard-interactive');
    expect(asked).toMatchObject({ questions: [{ prompt: expect.stringMatching(/password/i), echo: false }] });
    await fs.close();
  });

  it('answers keyboard-interactive password prompts with the target password without asking', async () => {
    const prompter = new ScriptedPrompter();
    const logger = new RecordingLogger();
    const fs = await connectSftp(
      targetFor(server, { password: server.password }),
      isolatedDeps(knownHosts, { prompter, logger }),
    );
    expect(prompter.asked).toEqual([]);
    expect(logger.text()).toContain('Trying keyboard-interactive');
    await fs.close();
  });

  it('refuses a wrong password as LOGIN_FAILED with a hint', async () => {
    const error = await connectSftp(
      targetFor(server, { password: 'not-the-password' }),
      isolatedDeps(knownHosts),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'LOGIN_FAILED', retryable: false, hint: expect.any(String) });
  });

  describe('with an ssh-agent', () => {
    let agent: ChildProcess;
    let socket: string;

    beforeAll(async () => {
      socket = join(scratch.dir, 'agent.sock');
      agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      for (let i = 0; i < 100 && !existsSync(socket); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      execFileSync('ssh-add', [server.clientKeyFile ?? ''], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
        stdio: 'ignore',
      });
    });
    afterAll(() => {
      if (agent?.pid) process.kill(agent.pid);
    });

    it('logs in with a key held by the agent', async () => {
      const logger = new RecordingLogger();
      const fs = await connectSftp(
        targetFor(server),
        isolatedDeps(knownHosts, { agentSocket: socket, logger }),
      );
      expect(logger.text()).toContain('Trying keys from the SSH agent');
      expect(logger.text()).not.toContain('Trying keyboard-interactive');
      await fs.close();
    });
  });

  it('takes HostName, Port, User and IdentityFile from an ssh_config Host alias', async () => {
    const config = join(scratch.dir, 'ssh_config');
    writeFileSync(
      config,
      [
        'Host ferry-test-alias',
        `  HostName ${server.host}`,
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKeyFile}`,
        'Host *',
        '  User nobody-else',
      ].join('\n'),
    );
    const prompter = new ScriptedPrompter();
    const fs = await connectSftp(
      { protocol: 'sftp', host: 'ferry-test-alias' },
      isolatedDeps(knownHosts, { sshConfigFile: config, prompter }),
    );
    expect(prompter.asked).toEqual([]);
    expect(await fs.home()).toMatch(/^\//);
    await fs.close();
  });
});

/**
 * Keyboard-interactive questions the person declines (the prompter answers
 * `{ answers: null }`, as the UI's Cancel and the CLI without a terminal do). AuthSequence
 * then answers the server's INFO_REQUEST with zero responses to N prompts, which RFC 4256
 * forbids; OpenSSH's sshd drops the connection on it ("wrong number of replies"), so the
 * password method that comes next in the sequence is never tried.
 */
it('declining the keyboard-interactive questions moves on to the password method', async () => {
  const prompter = new ScriptedPrompter({
    'keyboard-interactive': () => ({ answers: null }),
    password: () => ({ password: server.password, remember: false }),
  });
  const logger = new RecordingLogger();
  const outcome = await connectSftp(targetFor(server), isolatedDeps(knownHosts, { prompter, logger })).then(
    async (fs) => {
      await fs.close();
      return 'connected';
    },
    (error: unknown) => `failed: ${(error as Error).message}`,
  );
  await new Promise((r) => setTimeout(r, 200));
  const sshdLog = readFileSync(server.logFile, 'utf8')
    .split('\n')
    .filter((l) => /repl|kbd|keyboard|Disconnect|fatal/i.test(l))
    .join('\n');
  const detail = `outcome: ${outcome}\nasked: ${prompter.asked.map((p) => p.kind).join(', ')}\nlog:\n${logger.text()}\nsshd:\n${sshdLog}`;
  expect(
    prompter.asked.map((p) => p.kind),
    detail,
  ).toEqual(['keyboard-interactive', 'password']);
  expect(outcome, detail).toBe('connected');
});

/**
 * An SFTP site saved without a user name. Sites keep `user: ''` when none was typed
 * (createSite's default, and what the ~/.ssh/config import writes for a Host without `User`),
 * and toConnectionTarget passes it on as `target.user = ''`. connectSftp takes the user with
 * `target.user ?? config.user ?? userInfo().username`, so '' wins over ~/.ssh/config's `User`
 * (and over the local account name, which ssh(1) uses): the server is asked to log in user "".
 */
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
