import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, freePortRange } from '../free-port.js';
import { makeCert } from '../make-cert.js';
import { runningServer } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerOptions } from '../types.js';

export type VsftpdTls = 'none' | 'explicit' | 'implicit';

const KIND = { none: 'vsftpd', explicit: 'vsftpd-ftps-explicit', implicit: 'vsftpd-ftps-implicit' } as const;

/** vsftpd 3.0.3 from Debian, chrooted into a fresh folder (remoteRoot '/'). */
export async function startVsftpd(tls: VsftpdTls, options: ServerOptions = {}): Promise<RunningServer> {
  const user = testUser();
  const kind = KIND[tls];
  const work = makeWorkDir(kind);
  const root = makeDataDir(work, 'data-', user);
  const emptyDir = join(work, 'empty');
  mkdirSync(emptyDir, { mode: 0o755 });
  const port = await freePort();
  const passive = await freePortRange(50);
  const logFile = join(work, 'vsftpd.log');

  const lines = [
    // Foreground, one process we started: stop() kills exactly it (and its session children).
    'listen=YES',
    'listen_ipv6=NO',
    'background=NO',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    'pam_service_name=vsftpd',
    'userlist_enable=NO',
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    `local_root=${root}`,
    // The seccomp sandbox kills sessions in containers ("500 OOPS: priv_sock_get_cmd");
    // isolate*/ need namespaces the sandbox may not grant.
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    `secure_chroot_dir=${emptyDir}`,
    'pasv_enable=YES',
    `pasv_min_port=${passive.min}`,
    `pasv_max_port=${passive.max}`,
    'pasv_address=127.0.0.1',
    // Active mode without a privileged source port (port 20 needs root in the session process).
    `port_enable=${options.allowPort === false ? 'NO' : 'YES'}`,
    'connect_from_port_20=NO',
    'ls_recurse_enable=YES',
    'dirmessage_enable=NO',
    'use_localtime=NO',
    // Tests of a wrong password should not wait vsftpd's default one second.
    'delay_failed_login=0',
    'delay_successful_login=0',
    'max_login_fails=100',
    'max_clients=200',
    `max_per_ip=${options.maxConnectionsPerIp ?? 0}`,
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    'log_ftp_protocol=YES',
    `vsftpd_log_file=${logFile}`,
    'ftpd_banner=Ferry test vsftpd',
  ];

  let cert: ReturnType<typeof makeCert> | undefined;
  if (tls !== 'none') {
    cert = makeCert(work);
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${cert.certFile}`,
      `rsa_private_key_file=${cert.keyFile}`,
      'allow_anon_ssl=NO',
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
      // The data connection must resume the control connection's TLS session (RFC 4217 §10.2
      // style protection against data-connection theft); clients that do not reuse get 522.
      'require_ssl_reuse=YES',
      'ssl_tlsv1=YES',
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_ciphers=HIGH',
    );
    if (tls === 'implicit') lines.push('implicit_ssl=YES');
  }

  const configFile = join(work, 'vsftpd.conf');
  writeFileSync(configFile, lines.join('\n') + '\n');

  const server = new ServerProcess({
    command: '/usr/sbin/vsftpd',
    args: [configFile],
    cwd: work,
    logFile: join(work, 'vsftpd.stderr.log'),
    probe: { port, prefix: '220', tls: tls === 'implicit' },
  });
  await server.start();
  return runningServer({
    kind,
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: '/',
    logFile,
    process: server,
    dirs: [work],
    extras: cert ? { certFile: cert.certFile, certFingerprint256: cert.fingerprint256 } : {},
  });
}
