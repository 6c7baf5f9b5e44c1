/**
 * A private Secret Service for tests: our own dbus-daemon on a socket in a temporary folder and
 * gnome-keyring-daemon on it, with its keyrings in that folder too, so tests never see (or
 * touch) a developer's real keyring. Both daemons are killed however the test process ends
 * (the harness's reaper), and every wait is bounded so a keyring that never comes up fails the
 * test instead of hanging it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { trackDir, trackProcess } from '../../harness/exit-cleanup.js';
import { killTree } from '../../harness/process-tree.js';

const run = promisify(execFile);

export interface KeyringEnv {
  /** The DBUS_SESSION_BUS_ADDRESS of the private bus; also set in process.env while running. */
  address: string;
  /** Runs `secret-tool` against the private keyring: an independent look at what is stored. */
  secretTool(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * gnome-keyring only creates its default "login" collection when unlocked with a non-empty
 * password; with an empty one every write fails with "no result found". The password guards a
 * throwaway keyring in a temporary folder.
 */
const UNLOCK_PASSWORD = 'ferry-test-keyring';
const PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

/** No <servicedir>: nothing is D-Bus-activated behind our back, only the daemons we start. */
function busConfig(socket: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

export async function startKeyringEnv(timeoutMs = 15_000): Promise<KeyringEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-keyring-'));
  const untrackDir = trackDir(dir);
  const socket = join(dir, 'bus');
  const address = `unix:path=${socket}`;
  for (const sub of ['home', 'data', 'config', 'cache', 'run']) mkdirSync(join(dir, sub), { mode: 0o700 });
  writeFileSync(join(dir, 'bus.conf'), busConfig(socket));
  const daemonEnv: NodeJS.ProcessEnv = {
    PATH,
    LANG: 'C.UTF-8',
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  const started: Daemon[] = [];
  const previousAddress = process.env['DBUS_SESSION_BUS_ADDRESS'];

  const stop = async (): Promise<void> => {
    for (const daemon of started.reverse()) await daemon.stop();
    if (previousAddress === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
    else process.env['DBUS_SESSION_BUS_ADDRESS'] = previousAddress;
    rmSync(dir, { recursive: true, force: true });
    untrackDir();
  };

  const secretTool = async (args: string[]): Promise<string> => {
    const { stdout } = await run('secret-tool', args, { env: daemonEnv, timeout: 10_000 });
    return stdout;
  };

  try {
    const deadline = Date.now() + timeoutMs;
    const bus = startDaemon(
      'dbus-daemon',
      [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--nopidfile'],
      daemonEnv,
      join(dir, 'dbus.log'),
    );
    started.push(bus);
    await waitUntil(deadline, bus, 'the D-Bus socket to accept connections', () => canConnect(socket));

    const keyring = startDaemon(
      'gnome-keyring-daemon',
      ['--foreground', '--unlock', '--components=secrets'],
      daemonEnv,
      join(dir, 'keyring.log'),
      `${UNLOCK_PASSWORD}\n`,
    );
    started.push(keyring);
    await waitUntil(deadline, keyring, 'gnome-keyring to own org.freedesktop.secrets on the bus', () =>
      secretsOwned(daemonEnv),
    );
    // The name is claimed before the login collection exists: wait until a write really works.
    await waitUntil(deadline, keyring, 'the login keyring to accept a secret', async () => {
      try {
        await run(
          'sh',
          [
            '-c',
            'printf probe | secret-tool store --label=probe ferry-test probe && secret-tool clear ferry-test probe',
          ],
          {
            env: daemonEnv,
            timeout: 5_000,
          },
        );
        return true;
      } catch {
        return false;
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Set only now: @napi-rs/keyring reads the address once per process, at its first call.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = address;
  return { address, secretTool, stop };
}

interface Daemon {
  exited(): string | undefined;
  stop(): Promise<void>;
}

function startDaemon(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  stdin?: string,
): Daemon {
  const log = openSync(logFile, 'a');
  // setpriv --pdeathsig: if the test process dies outright, the kernel kills the daemon too.
  const child: ChildProcess = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', command, ...args], {
    env,
    detached: true,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', log, log],
  });
  closeSync(log);
  child.unref();
  if (stdin !== undefined) {
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin);
  }
  const untrack = child.pid === undefined ? () => undefined : trackProcess(child.pid);
  let exitReason: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `${command} exited (code ${code}, signal ${signal}): ${readTail(logFile)}`;
      resolve();
    });
    child.once('error', (error) => {
      exitReason = `${command} failed to start: ${error.message}`;
      resolve();
    });
  });
  return {
    exited: () => exitReason,
    async stop() {
      if (child.pid !== undefined && exitReason === undefined) killTree(child.pid);
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      untrack();
    },
  };
}

async function waitUntil(
  deadline: number,
  daemon: Daemon,
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  for (;;) {
    const exited = daemon.exited();
    if (exited !== undefined) throw new Error(`Waiting for ${what}: ${exited}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function canConnect(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

async function secretsOwned(env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    const { stdout } = await run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ],
      { env, timeout: 5_000 },
    );
    return stdout.includes('boolean true');
  } catch {
    return false;
  }
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}
