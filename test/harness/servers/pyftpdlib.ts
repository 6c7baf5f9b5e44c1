import { chownSync, copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, freePortRange } from '../free-port.js';
import { runningServer } from '../running-server.js';
import { makeDataDir, makeWorkDir } from '../server-dirs.js';
import { ServerProcess } from '../server-process.js';
import { TEST_PASSWORD, testUser } from '../test-user.js';
import type { RunningServer, ServerOptions } from '../types.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pyftpd-server.py');

/**
 * pyftpdlib from Debian (python3-pyftpdlib), run by Debian's /usr/bin/python3: a `python3`
 * earlier in PATH (pyenv) would not see the Debian package. Runs as the test user, whose
 * virtual root is a fresh folder (remoteRoot '/').
 */
export async function startPyftpdlib(options: ServerOptions = {}): Promise<RunningServer> {
  const user = testUser();
  const work = makeWorkDir('pyftpdlib');
  const root = makeDataDir(work, 'data-', user);
  // The test user may not be able to read the repository; give it its own copy.
  const script = join(work, 'pyftpd-server.py');
  copyFileSync(SCRIPT, script);
  const port = await freePort();
  const passive = await freePortRange(50);
  // Written by the server as the test user: created here and handed over.
  const logFile = join(work, 'pyftpdlib.log');
  writeFileSync(logFile, '');
  chownSync(logFile, user.uid, user.gid);
  const args = [
    script,
    '--port',
    String(port),
    '--user',
    user.name,
    '--password',
    TEST_PASSWORD,
    '--root',
    root,
    '--passive-min',
    String(passive.min),
    '--passive-max',
    String(passive.max),
    '--max-per-ip',
    String(options.maxConnectionsPerIp ?? 0),
    '--log',
    logFile,
  ];
  if (options.masqueradeAddress) args.push('--masquerade', options.masqueradeAddress);

  const server = new ServerProcess({
    command: '/usr/bin/python3',
    args,
    uid: user.uid,
    gid: user.gid,
    cwd: root,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', HOME: user.home },
    logFile: join(work, 'pyftpdlib.stderr.log'),
    probe: { port, prefix: '220' },
  });
  await server.start();
  return runningServer({
    kind: 'pyftpdlib',
    port,
    user: user.name,
    password: TEST_PASSWORD,
    owner: user,
    root,
    remoteRoot: '/',
    logFile,
    process: server,
    dirs: [work],
  });
}
