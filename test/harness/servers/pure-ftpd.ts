import { basename, join } from 'node:path';
import { freePort, freePortRange } from '../free-port.js';
import { runningServer } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerOptions } from '../types.js';

/** Where scripts/install-test-deps.sh unpacks pure-ftpd (it conflicts with vsftpd as a package). */
const PURE_FTPD = '/opt/ferry-test-servers/usr/sbin/pure-ftpd';

/**
 * Pure-FTPd 1.0.50 from Debian's .deb, unpacked. Logs the system test user in with plain unix
 * auth (/etc/shadow; no pure-pw database, whose default hashing is slow), chrooted into the
 * user's home, so `root` is a fresh folder inside the home and `remoteRoot` is '/<folder>'.
 */
export async function startPureFtpd(options: ServerOptions = {}): Promise<RunningServer> {
  const user = testUser();
  const work = makeWorkDir('pure-ftpd');
  const root = makeDataDir(user.home, 'ferry-pure-', user);
  const port = await freePort();
  const passive = await freePortRange(50);
  const logFile = join(work, 'pure-ftpd.log');

  // Short flags only: some long forms (e.g. --maxclientsnumber) are silently ignored by 1.0.50.
  const args = [
    ['-S', `127.0.0.1,${port}`], // bind address,port
    ['-4'], // IPv4 only
    ['-l', 'unix'], // /etc/shadow logins
    ['-E'], // no anonymous
    ['-A'], // chroot everyone into their home
    ['-p', `${passive.min}:${passive.max}`], // passive port range
    ['-P', '127.0.0.1'], // address in PASV replies
    // The default limit (2000 files, depth 5) truncates listings of big folders silently.
    ['-L', '500000:64'],
    ['-c', '200'], // clients in total
    ['-C', String(options.maxConnectionsPerIp ?? 200)], // clients per IP
    ['-D'], // list dot files
    ['-H'], // no reverse DNS
    ['-U', '133:022'], // umask files:folders
    ['-u', '100'], // lowest uid allowed to log in
    ['-g', join(work, 'pure-ftpd.pid')],
    ['-O', `clf:${join(work, 'transfer.log')}`],
    ['-d'], // verbose log
  ].flat();

  const server = new ServerProcess({
    // Foreground by default (no --daemonize): the pid we hold is the listener.
    command: PURE_FTPD,
    args,
    cwd: work,
    logFile,
    probe: { port, prefix: '220' },
  });
  await server.start();
  return runningServer({
    kind: 'pure-ftpd',
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: `/${basename(root)}`,
    logFile,
    process: server,
    dirs: [work, root],
  });
}
