/**
 * What a caller asks the queue to move. The contract's `enqueueRequestSchema` names sessions;
 * the queue outlives sessions, so it names locations instead: the service maps a session id
 * to the location key of what that session is connected to ('local' for the disk).
 */
import type { Endpoint, OverwritePolicy, TransferDirection, TransferItem } from '../../src-shared/model.js';

export interface QueueRequest {
  direction: TransferDirection;
  source: Endpoint;
  target: Endpoint;
  /** When known (e.g. from a listing); otherwise the queue finds out when it reaches the item. */
  isDir?: boolean;
  size?: number | null;
  /** Source modification time (epoch ms), when known. */
  modified?: number | null;
  overwrite?: OverwritePolicy;
  priority?: TransferItem['priority'];
  /** Add without starting it. */
  paused?: boolean;
}
