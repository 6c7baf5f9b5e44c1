// The harness's reaper: a tiny separate process that outlives the test process. The test
// process tells it (through pipe fd 3) which server pids and folders it owns; when that pipe
// closes — the test process ended in any way, even SIGKILL — it kills those servers with all
// their descendants and deletes the folders. No server outlives the test run.
import { createReadStream, readdirSync, readFileSync, rmSync } from 'node:fs';

const pids = new Set();
const dirs = new Set();
let pending = '';

function apply(line) {
  const space = line.indexOf(' ');
  const op = line.slice(0, space);
  const arg = line.slice(space + 1);
  if (op === 'pid') pids.add(Number(arg));
  else if (op === 'unpid') pids.delete(Number(arg));
  else if (op === 'dir') dirs.add(arg);
  else if (op === 'undir') dirs.delete(arg);
}

function childrenMap() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    } catch {
      // exited while we looked
    }
  }
  return children;
}

function kill(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function reap() {
  const children = childrenMap();
  for (const pid of pids) {
    const queue = [pid];
    const victims = [];
    while (queue.length > 0) {
      for (const child of children.get(queue.shift()) ?? []) {
        victims.push(child);
        queue.push(child);
      }
    }
    kill(-pid);
    kill(pid);
    victims.forEach(kill);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const control = createReadStream('', { fd: 3, encoding: 'utf8' });
control.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    apply(pending.slice(0, newline));
    pending = pending.slice(newline + 1);
  }
});
control.on('close', reap);
control.on('error', reap);
