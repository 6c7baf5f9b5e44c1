type Task = () => void;

const kills = new Set<Task>();
const removals = new Set<Task>();
let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  // 'exit' handlers must be synchronous. Servers die first, then their folders go, so no
  // server writes into a folder being deleted.
  process.on('exit', () => {
    for (const task of kills) task();
    for (const task of removals) task();
  });
}

/** Runs `task` when the test process exits (servers first, then folders); returns an unregister. */
export function atExit(stage: 'kill' | 'remove', task: Task): () => void {
  register();
  const set = stage === 'kill' ? kills : removals;
  set.add(task);
  return () => set.delete(task);
}
