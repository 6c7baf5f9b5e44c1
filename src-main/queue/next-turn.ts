/**
 * Long synchronous work on the queue (100,000 items added, or listed in one folder) is cut
 * into batches of this many, with a turn of the event loop between them, so the process keeps
 * answering: timers, sockets and the UI's requests run between two batches.
 */
export const BATCH = 2000;

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
