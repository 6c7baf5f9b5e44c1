import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every live process, read from /proc/<pid>/stat. */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    } catch {
      continue; // exited while we looked
    }
    // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  return children;
}

/**
 * Every descendant of `pid`. Needed because sshd's per-connection children call setsid(), so
 * killing the server's process group alone would leave open sessions (and inherited
 * listening sockets) behind.
 */
export function descendantsOf(pid: number): number[] {
  const children = parentMap();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while the process exists and is not a zombie (its sockets are still open). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL the process group led by `pid` and every descendant; ignores those already gone. */
export function killTree(pid: number): number[] {
  const victims = descendantsOf(pid);
  const send = (target: number): void => {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  send(-pid);
  send(pid);
  for (const victim of victims) send(victim);
  return victims;
}
