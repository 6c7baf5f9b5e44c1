/**
 * When the queue finishes a file, the folder it landed in has changed: tell every view that
 * shows that folder (the local disk, or each session connected to the target's location).
 * Batched per folder, so mirroring a thousand files sends a handful of events, not thousands.
 */
import path from 'node:path';
import type { QueueEvent } from '../queue/index.js';
import type { EventBus } from '../service/event-bus.js';
import { LOCAL_SESSION_ID, type SessionRegistry } from '../service/session-registry.js';
import { locationKey } from './location-registry.js';

const BATCH_MS = 300;

export function refreshListingsAfterTransfers(
  bus: EventBus,
  sessions: SessionRegistry,
): (event: QueueEvent) => void {
  const pending = new Map<string, { location: string; folder: string }>();
  let timer: NodeJS.Timeout | null = null;

  const flush = (): void => {
    timer = null;
    const bySession = new Map<string, string>();
    for (const info of sessions.list()) {
      const target = sessions.target(info.id);
      bySession.set(info.id, target === 'local' ? 'local' : locationKey(target));
    }
    for (const { location, folder } of pending.values()) {
      for (const [sessionId, key] of bySession) {
        if (key === location) bus.emit({ type: 'listing-changed', sessionId, path: folder });
      }
    }
    pending.clear();
  };

  return (event) => {
    if (event.type !== 'queue-items') return;
    for (const item of event.items) {
      if (item.state !== 'done') continue;
      const { location, path: file } = item.target;
      const folder = location === LOCAL_SESSION_ID ? path.dirname(file) : path.posix.dirname(file);
      pending.set(`${location}\0${folder}`, { location, folder });
    }
    if (pending.size > 0) timer ??= setTimeout(flush, BATCH_MS);
  };
}
