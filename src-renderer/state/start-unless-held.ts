import type { FerryApi } from '../../src-shared/contract.js';
import type { QueueStore } from './queue-store.js';

/**
 * Gives the queue work (`change`: an add, a resume, a retry), then starts the queue unless the
 * user holds it (Auto-start off: work waits for Start) or the work was added paused on purpose.
 * Resolves to whether the work waits.
 */
export async function startUnlessHeld(
  api: FerryApi,
  queue: QueueStore,
  change: () => Promise<unknown>,
  options: { paused?: boolean } = {},
): Promise<boolean> {
  // Read before the change: the events it causes must not decide whether it was held.
  const waits = !!options.paused || queue.holding();
  await change();
  if (!waits) await api['queue.start']();
  return waits;
}
