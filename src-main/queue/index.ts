/** The queue's public face: what the service and the CLI use. */
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
