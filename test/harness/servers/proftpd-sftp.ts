import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir } from '../server-dirs.js';
import type { RunningServer, ServerOptions } from '../types.js';
import { launchProftpd } from './proftpd.js';

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
  const work = makeWorkDir('proftpd-sftp');
  const hostKeyFile = join(work, 'ssh_host_rsa_key');
  const hostKey = makeHostKey(hostKeyFile);
  return launchProftpd({
    kind: 'proftpd-sftp',
    work,
    options,
    probePrefix: 'SSH-2.0',
    lines: [
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
    ],
    extras: { hostKeyLine: hostKey.line, hostKeyFingerprint: hostKey.fingerprint },
  });
}
