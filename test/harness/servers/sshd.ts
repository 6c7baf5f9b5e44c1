import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { runningServer } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerOptions } from '../types.js';

const CLIENT_KEY_PASSPHRASE = 'ferry key passphrase';

function keygen(file: string, passphrase: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** The 'type base64' part of a .pub line and OpenSSH's `SHA256:…` fingerprint of it. */
function publicKeyOf(file: string): { line: string; fingerprint: string } {
  const [type = '', blob = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return { line: `${type} ${blob}`, fingerprint: `SHA256:${digest.replace(/=+$/, '')}` };
}

/**
 * OpenSSH's sshd serving SFTP (internal-sftp) with password, public-key and PAM
 * keyboard-interactive logins. Not chrooted: the user lands in their home, so `root` is a fresh
 * folder inside it and `remoteRoot` is its absolute path.
 */
export async function startSshd(options: ServerOptions = {}): Promise<RunningServer> {
  const user = testUser();
  const work = makeWorkDir('sshd');
  const root = makeDataDir(user.home, 'ferry-sshd-', user);
  const port = await freePort();
  // sshd refuses to start without its privilege-separation folder (normally made by systemd).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKey = join(work, 'ssh_host_ed25519_key');
  keygen(hostKey, '', 'ferry-test-host');
  const clientKey = join(work, 'client_ed25519');
  keygen(clientKey, '', 'ferry-test-client');
  const encryptedClientKey = join(work, 'client_ed25519_encrypted');
  keygen(encryptedClientKey, CLIENT_KEY_PASSPHRASE, 'ferry-test-client-encrypted');

  // Read by sshd as the test user: world-readable, and StrictModes off for the root-owned folder.
  const authorizedKeys = join(work, 'authorized_keys');
  writeFileSync(authorizedKeys, `${publicKeyOf(clientKey).line}\n${publicKeyOf(encryptedClientKey).line}\n`);
  chmodSync(authorizedKeys, 0o644);

  const logFile = join(work, 'sshd.log');
  const lines = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(work, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'StrictModes no',
    'PasswordAuthentication yes',
    'PubkeyAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'UsePAM yes',
    'PermitRootLogin no',
    `AllowUsers ${user.name}`,
    'MaxAuthTries 20',
    'MaxSessions 64',
    // Tests open many connections at once; the default 10:30:100 drops some at random.
    'MaxStartups 200',
    ...(options.maxConnectionsPerIp ? [`PerSourceMaxStartups ${options.maxConnectionsPerIp}`] : []),
    'UseDNS no',
    'PrintMotd no',
    'DisableForwarding yes',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
  ];
  const configFile = join(work, 'sshd_config');
  writeFileSync(configFile, lines.join('\n') + '\n');

  const host = publicKeyOf(hostKey);
  const server = new ServerProcess({
    // -D: foreground, so the pid we hold is the listener; -e: log to stderr (our log file).
    command: '/usr/sbin/sshd',
    args: ['-D', '-e', '-f', configFile],
    cwd: work,
    logFile,
    probe: { port, prefix: 'SSH-2.0' },
  });
  await server.start();
  return runningServer({
    kind: 'sshd',
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: root,
    logFile,
    process: server,
    dirs: [work, root],
    extras: {
      hostKeyLine: host.line,
      hostKeyFingerprint: host.fingerprint,
      clientKeyFile: clientKey,
      encryptedClientKeyFile: encryptedClientKey,
      clientKeyPassphrase: CLIENT_KEY_PASSPHRASE,
    },
  });
}
