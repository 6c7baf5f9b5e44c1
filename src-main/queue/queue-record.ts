/** A transfer item as the queue keeps it: the shared `TransferItem` plus what only the queue needs. */
import type { TransferItem } from '../../src-shared/model.js';

export interface QueueRecord extends TransferItem {
  /** Source modification time (epoch ms) when known, given to the target afterwards. */
  modified: number | null;
  /** The folder item whose enumeration found this one. */
  parentId?: string;
  /**
   * Ferry started writing the target: a partial target is its own work and resumes without
   * asking the overwrite policy again (after a retry, a pause or a crash).
   */
  begun?: boolean;
  /** Found by a folder listing that gave its size and time: the first attempt need not ask again. */
  listed?: boolean;
  /** Its target folder was created by Ferry just now: the first attempt need not look for the target. */
  targetAbsent?: boolean;
  /** A name from a listing that was refused as unsafe; such an item can never run. */
  refused?: string;
  /** A folder's identity on the source server, from its parent's listing (FileEntry.unique). */
  sourceUnique?: string;
}

/** The shared view of a record: internal fields stay in main. */
export function toTransferItem(record: QueueRecord): TransferItem {
  const item: TransferItem = {
    id: record.id,
    direction: record.direction,
    source: record.source,
    target: record.target,
    isDir: record.isDir,
    size: record.size,
    transferred: record.transferred,
    state: record.state,
    priority: record.priority,
    order: record.order,
    attempts: record.attempts,
    overwrite: record.overwrite,
  };
  if (record.verifiedBy) item.verifiedBy = record.verifiedBy;
  if (record.error) item.error = record.error;
  return item;
}
