import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { runningServer } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerOptions } from '../types.js';
import { PROFTPD_PREFIX } from './proftpd.js';

/**
 * A PEM RSA host key: ProFTPD 1.3.8's SFTPHostKey reads PEM keys and OpenSSH-format ones, but
 * RSA in PEM is the form every mod_sftp build accepts.
 */
function makeHostKey(file: string): { line: string; fingerprint: string } {
  execFileSync(
    'ssh-keygen',
    ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', 'ferry-proftpd-sftp', '-f', file],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const [type = '', blob = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return { line: `${type} ${blob}`, fingerprint: `SHA256:${digest.replace(/=+$/, '')}` };
}

/**
 * ProFTPD 1.3.8 with mod_sftp (from the unpacked proftpd-mod-crypto .deb): SFTP with password
 * login, chrooted (remoteRoot '/'). Unlike OpenSSH it implements the `check-file-name` /
 * `check-file-handle` extensions (draft-ietf-secsh-filexfer-extensions-00 §3), so it is the
 * server for server-side hashes without exec.
 */
export async function startProftpdSftp(options: ServerOptions = {}): Promise<RunningServer> {
  const user = testUser();
  const work = makeWorkDir('proftpd-sftp');
  const root = makeDataDir(work, 'data-', user);
  const port = await freePort();
  const hostKeyFile = join(work, 'ssh_host_rsa_key');
  const hostKey = makeHostKey(hostKeyFile);
  const logFile = join(work, 'proftpd.log');

  const lines = [
    'ServerName "Ferry test proftpd-sftp"',
    'ServerType standalone',
    'DefaultServer on',
    `Port ${port}`,
    'DefaultAddress 127.0.0.1',
    'SocketBindTight on',
    'UseIPv6 off',
    'User nobody',
    'Group nogroup',
    `PidFile ${join(work, 'proftpd.pid')}`,
    `ScoreboardFile ${join(work, 'proftpd.scoreboard')}`,
    'DelayEngine off',
    'ControlsEngine off',
    'WtmpLog off',
    'UseReverseDNS off',
    `SystemLog ${logFile}`,
    `TransferLog ${join(work, 'xfer.log')}`,
    // As for the FTP kind: no PAM file installed, so /etc/shadow directly.
    'AuthPAM off',
    'AuthOrder mod_auth_unix.c',
    'RequireValidShell off',
    `DefaultRoot ${root}`,
    'MaxInstances 200',
    ...(options.maxConnectionsPerIp ? [`MaxClientsPerHost ${options.maxConnectionsPerIp}`] : []),
    'MaxLoginAttempts 100',
    'AllowOverwrite on',
    'AllowRetrieveRestart on',
    'AllowStoreRestart on',
    'Umask 022',
    'TimesGMT on',
    `ModulePath ${PROFTPD_PREFIX}/usr/lib/proftpd`,
    'LoadModule mod_sftp.c',
    '<IfModule mod_sftp.c>',
    '  SFTPEngine on',
    `  SFTPLog ${join(work, 'sftp.log')}`,
    `  SFTPHostKey ${hostKeyFile}`,
    '  SFTPAuthMethods password',
    '  SFTPCompression off',
    // checkFile is in the default SFTPExtensions set; named here so the intent is visible.
    '  SFTPExtensions +checkFile',
    '</IfModule>',
  ];
  const configFile = join(work, 'proftpd.conf');
  writeFileSync(configFile, lines.join('\n') + '\n');

  const server = new ServerProcess({
    command: `${PROFTPD_PREFIX}/usr/sbin/proftpd`,
    args: ['-n', '-c', configFile],
    cwd: work,
    logFile: join(work, 'proftpd.stderr.log'),
    probe: { port, prefix: 'SSH-2.0' },
  });
  await server.start();
  return runningServer({
    kind: 'proftpd-sftp',
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: '/',
    logFile,
    process: server,
    dirs: [work],
    extras: { hostKeyLine: hostKey.line, hostKeyFingerprint: hostKey.fingerprint },
  });
}
