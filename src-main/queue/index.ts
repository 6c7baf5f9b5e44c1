/**
 * The transfer queue's public face, used alike by the service (behind the contract) and the
 * CLI (`ferry get -r` / `put -r`). In short:
 * - `TransferQueue.open({ journalDir, connect, prompter, settings })` replays the journal;
 *   items that were running when the process died are queued again and continue their partial
 *   files. Nothing runs until `start()`.
 * - Requests name locations, not sessions: 'local' for the disk, any other key for a remote
 *   that `connect(key)` can log in to (the pool opens up to N connections per key and reuses them).
 * - Priority 5 is the highest, 1 the lowest, 3 the default (as the UI labels them). `pause()`/`resume()` without ids
 *   stop and restart the whole queue; with ids they act on those items.
 * - Events: 'queue-items' (upserts and removals, batched) and 'queue-progress' (≤ 10 per second
 *   per item, with the summary), both shaped as in src-shared/events.ts.
 */
export {
  TransferQueue,
  type QueueEvent,
  type QueueEventType,
  type TransferQueueOptions,
} from './transfer-queue.js';
export type { QueueRequest } from './queue-request.js';
export { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue-settings.js';
export { ConnectionPool, type Connect, type Lease } from '../fs/connection-pool.js';
export { LocalFileSystem } from '../fs/local-file-system.js';
