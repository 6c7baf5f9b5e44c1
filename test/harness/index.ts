import { startProftpd } from './servers/proftpd.js';
import { startProftpdSftp } from './servers/proftpd-sftp.js';
import { startPureFtpd } from './servers/pure-ftpd.js';
import { startPyftpdlib } from './servers/pyftpdlib.js';
import { startSshd } from './servers/sshd.js';
import { startVsftpd } from './servers/vsftpd.js';
import type { RunningServer, ServerKind, ServerOptions } from './types.js';

export type { RunningServer, ServerKind, ServerOptions } from './types.js';
export { TEST_PASSWORD, TEST_USER } from './test-user.js';

/** Starts a real server of `kind` on 127.0.0.1 and resolves once it has sent its greeting. */
export async function startServer(kind: ServerKind, options: ServerOptions = {}): Promise<RunningServer> {
  // The servers log in a real system user and switch to it: only root can start them.
  if (process.getuid?.() !== 0) {
    throw new Error(
      'the test servers need root (they log in the system user ferrytest); run the tests as root',
    );
  }
  switch (kind) {
    case 'vsftpd':
      return startVsftpd('none', options);
    case 'vsftpd-ftps-explicit':
      return startVsftpd('explicit', options);
    case 'vsftpd-ftps-implicit':
      return startVsftpd('implicit', options);
    case 'proftpd':
      return startProftpd(options);
    case 'proftpd-sftp':
      return startProftpdSftp(options);
    case 'pure-ftpd':
      return startPureFtpd(options);
    case 'pyftpdlib':
      return startPyftpdlib(options);
    case 'sshd':
      return startSshd(options);
  }
}
