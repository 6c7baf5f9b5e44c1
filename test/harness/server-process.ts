import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { trackProcess } from './exit-cleanup.js';
import { isAlive, killTree } from './process-tree.js';
import { waitForGreeting, type GreetingProbe } from './wait-for-greeting.js';

export interface LaunchSpec {
  command: string;
  args: string[];
  /** Run as this user (pyftpdlib); other servers start as root and drop privileges themselves. */
  uid?: number;
  gid?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr go here, for humans debugging a failure; readiness never reads it. */
  logFile: string;
  probe: GreetingProbe;
}

/** One server process: started in its own process group, stopped by pid, restartable. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exitReason: string | undefined;
  private exitPromise: Promise<void> = Promise.resolve();
  private untrack: (() => void) | undefined;

  constructor(private readonly spec: LaunchSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.spec.command} already running (pid ${this.child.pid})`);
    const log = openSync(this.spec.logFile, 'a');
    // setpriv --pdeathsig: if the test process dies without running its exit handlers
    // (SIGKILL, crash), the kernel still kills the server. setpriv execs, so the pid is the server's.
    const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', this.spec.command, ...this.spec.args], {
      cwd: this.spec.cwd,
      env: this.spec.env ?? { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
      uid: this.spec.uid,
      gid: this.spec.gid,
      detached: true, // own process group, so stop() reaches forked session processes
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    // A test that forgets stop() must not keep the worker alive; the exit handler kills it.
    child.unref();
    this.child = child;
    this.exitReason = undefined;
    if (child.pid) this.untrack = trackProcess(child.pid);
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitReason = `${this.spec.command} exited (code ${code}, signal ${signal}); log:\n${this.logTail()}`;
        resolve();
      });
      child.once('error', (error) => {
        this.exitReason = `${this.spec.command} failed to start: ${error.message}`;
        resolve();
      });
    });
    try {
      await waitForGreeting(this.spec.probe, () => this.exitReason);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const victims = killTree(child.pid);
    await this.exitPromise;
    // Killed session children must be gone too: one could still hold the listening socket,
    // and the next start() binds the same port.
    const deadline = Date.now() + 5_000;
    while (victims.some(isAlive) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.child = undefined;
    this.untrack?.();
    this.untrack = undefined;
  }

  private logTail(): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').slice(-2_000);
    } catch {
      return '(no log)';
    }
  }
}
