import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { killTree } from './process-tree.js';

const REAPER = fileURLToPath(new URL('./reaper.mjs', import.meta.url));

const pids = new Set<number>();
const dirs = new Set<string>();
let reaper: Writable | undefined;

/**
 * Two nets so no server outlives the test run: an 'exit' handler (synchronous SIGKILL, then
 * folder removal) for a normal end, and the reaper process for every other end — vitest
 * ends its workers with SIGTERM, which skips 'exit' handlers.
 */
function tell(line: string): void {
  if (!reaper) {
    const child = spawn(process.execPath, [REAPER], {
      detached: true, // its own process group: a Ctrl-C or group kill of the tests spares it
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    child.unref();
    const pipe = child.stdio[3] as Writable & { unref?: () => void };
    pipe.unref?.(); // the open pipe must not keep the test process alive
    pipe.on('error', () => undefined);
    reaper = pipe;
    process.on('exit', () => {
      for (const pid of pids) killTree(pid);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
  }
  reaper.write(`${line}\n`);
}

/** A started server: killed with all its descendants when the test process ends. */
export function trackProcess(pid: number): () => void {
  pids.add(pid);
  tell(`pid ${pid}`);
  return () => {
    pids.delete(pid);
    tell(`unpid ${pid}`);
  };
}

/** A folder the harness made: deleted when the test process ends (after the servers die). */
export function trackDir(dir: string): () => void {
  dirs.add(dir);
  tell(`dir ${dir}`);
  return () => {
    dirs.delete(dir);
    tell(`undir ${dir}`);
  };
}
