/** What the queue can be told; the contract's `queue.settings` is a subset of it. */
import type { OverwritePolicy } from '../../src-shared/model.js';

export interface QueueSettings {
  /** Connections per site, 1 to 10; a 421 lowers it for that site for the session. */
  maxConnectionsPerSite: number;
  /** Connections in use at once across every site (a download finishing on the local disk no longer counts). */
  maxConnectionsTotal: number;
  /** Extra attempts after the first for temporary failures. */
  retries: number;
  /** Bytes per second for everything flowing down (0: unlimited). */
  downloadLimit: number;
  /** Bytes per second for everything flowing up (0: unlimited). */
  uploadLimit: number;
  /** Check a server-side hash after each file when the server offers one (the size is always checked). */
  verify: boolean;
  defaultOverwrite: OverwritePolicy;
  /** Give the target the source's modification time. */
  preserveTimes: boolean;
  /** First retry delay; doubles each attempt up to `retryCapMs`. */
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  maxConnectionsPerSite: 2,
  maxConnectionsTotal: 10,
  retries: 5,
  downloadLimit: 0,
  uploadLimit: 0,
  verify: true,
  defaultOverwrite: 'ask',
  preserveTimes: true,
  retryBaseMs: 1000,
  retryCapMs: 60_000,
};

/** Keeps numbers inside the ranges the contract documents, whatever a caller sent. */
export function clampSettings(settings: QueueSettings): QueueSettings {
  const int = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(v)));
  return {
    ...settings,
    maxConnectionsPerSite: int(settings.maxConnectionsPerSite, 1, 10),
    maxConnectionsTotal: int(settings.maxConnectionsTotal, 1, 50),
    retries: int(settings.retries, 0, 20),
    downloadLimit: Math.max(0, settings.downloadLimit),
    uploadLimit: Math.max(0, settings.uploadLimit),
    retryBaseMs: Math.max(0, settings.retryBaseMs),
    retryCapMs: Math.max(0, settings.retryCapMs),
  };
}
