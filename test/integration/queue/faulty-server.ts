/** Starts faulty-ftpd.py (pyftpdlib that fails on cue) on free 127.0.0.1 ports, with its own root. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, freePortRange } from '../../harness/free-port.js';
import { ServerProcess } from '../../harness/server-process.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'faulty-ftpd.py');

export interface FaultyServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** The folder the FTP user sees as '/'. */
  root: string;
  stop(): Promise<void>;
}

export async function startFaultyServer(options: { maxPerIp?: number } = {}): Promise<FaultyServer> {
  const work = mkdtempSync(join(tmpdir(), 'ferry-faulty-ftpd-'));
  const root = join(work, 'root');
  mkdirSync(root);
  const port = await freePort();
  const passive = await freePortRange(40);
  const user = 'ferry';
  const password = 'faulty-secret';
  const server = new ServerProcess({
    command: '/usr/bin/python3',
    args: [
      SCRIPT,
      ...['--port', String(port), '--user', user, '--password', password, '--root', root],
      ...['--passive-min', String(passive.min), '--passive-max', String(passive.max)],
      ...['--max-per-ip', String(options.maxPerIp ?? 0)],
    ],
    cwd: work,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' },
    logFile: join(work, 'server.log'),
    probe: { port, prefix: '220' },
  });
  await server.start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    root,
    stop: async () => {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
