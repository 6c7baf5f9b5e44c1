/** What main pushes to every view. Progress arrives batched and throttled (≤ 10/s per item). */
import type {
  Listing,
  LogLine,
  QueueSummary,
  SessionInfo,
  Site,
  TransferItem,
  TransferProgress,
} from './model.js';
import type { Prompt } from './prompts.js';

export type FerryEvent =
  | { type: 'session'; session: SessionInfo }
  | { type: 'session-closed'; sessionId: string }
  | { type: 'listing-changed'; sessionId: string; path: string; listing?: Listing }
  | { type: 'log'; lines: LogLine[] }
  | { type: 'queue-items'; items: TransferItem[]; removed: string[] }
  | { type: 'queue-progress'; progress: TransferProgress[]; summary: QueueSummary }
  | { type: 'sites-changed'; sites: Site[] }
  | { type: 'prompt'; promptId: string; prompt: Prompt }
  | { type: 'prompt-closed'; promptId: string };

export type FerryEventType = FerryEvent['type'];
