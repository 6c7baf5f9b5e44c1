import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, freePortRange } from '../free-port.js';
import { makeCert } from '../make-cert.js';
import { runningServer, type RunningServerParts } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerKind, ServerOptions } from '../types.js';

/** Where scripts/install-test-deps.sh unpacks proftpd (it conflicts with vsftpd as a package). */
export const PROFTPD_PREFIX = '/opt/ferry-test-servers';

/**
 * ProFTPD 1.3.8 from Debian's .deb, unpacked: MLSD (mod_facts), explicit TLS offered but not
 * required (mod_tls, which by default requires TLS session reuse on data connections).
 * Chrooted into a fresh folder (remoteRoot '/').
 */
export async function startProftpd(options: ServerOptions = {}): Promise<RunningServer> {
  const work = makeWorkDir('proftpd');
  const passive = await freePortRange(50);
  const cert = makeCert(work);
  return launchProftpd({
    kind: 'proftpd',
    work,
    options,
    probePrefix: '220',
    lines: [
      'ServerIdent on "Ferry test proftpd"',
      `PassivePorts ${passive.min} ${passive.max}`,
      'LoadModule mod_tls.c',
      '<IfModule mod_tls.c>',
      '  TLSEngine on',
      `  TLSLog ${join(work, 'tls.log')}`,
      '  TLSProtocol TLSv1.2 TLSv1.3',
      `  TLSRSACertificateFile ${cert.certFile}`,
      `  TLSRSACertificateKeyFile ${cert.keyFile}`,
      '  TLSRequired off',
      '  TLSVerifyClient off',
      // Deliberately no "TLSOptions NoSessionReuseRequired": data connections must reuse the
      // control connection's TLS session, as on most production servers.
      '</IfModule>',
    ],
    extras: { certFile: cert.certFile, certFingerprint256: cert.fingerprint256 },
  });
}

export interface ProftpdSetup {
  kind: Extract<ServerKind, 'proftpd' | 'proftpd-sftp'>;
  work: string;
  options: ServerOptions;
  /** What the kind adds to the shared configuration: its protocol module and settings. */
  lines: string[];
  /** How the greeting starts once the daemon listens ('220' for FTP, 'SSH-2.0' for SFTP). */
  probePrefix: string;
  extras: RunningServerParts['extras'];
}

/** The configuration every ProFTPD kind shares, then the kind's own lines; starts the daemon. */
export async function launchProftpd(setup: ProftpdSetup): Promise<RunningServer> {
  const { work, options } = setup;
  const user = testUser();
  const root = makeDataDir(work, 'data-', user);
  const port = await freePort();
  const logFile = join(work, 'proftpd.log');
  const lines = [
    `ServerName "Ferry test ${setup.kind}"`,
    'ServerType standalone',
    'DefaultServer on',
    `Port ${port}`,
    'DefaultAddress 127.0.0.1',
    'SocketBindTight on',
    'UseIPv6 off',
    // The daemon's own identity; sessions switch to the logged-in user.
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
    // /etc/pam.d/proftpd is not installed (the package is only unpacked): check /etc/shadow directly.
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
    ...setup.lines,
  ];
  const configFile = join(work, 'proftpd.conf');
  writeFileSync(configFile, lines.join('\n') + '\n');

  const server = new ServerProcess({
    // -n: stay in the foreground, so the pid we hold is the listener.
    command: `${PROFTPD_PREFIX}/usr/sbin/proftpd`,
    args: ['-n', '-c', configFile],
    cwd: work,
    logFile: join(work, 'proftpd.stderr.log'),
    probe: { port, prefix: setup.probePrefix },
  });
  await server.start();
  return runningServer({
    kind: setup.kind,
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: '/',
    logFile,
    process: server,
    dirs: [work],
    ...(setup.extras ? { extras: setup.extras } : {}),
  });
}
