/** Fans main's events out to every connected view (Electron windows, web-mode sockets). */
import type { FerryEvent } from '../../src-shared/events.js';

export type EventListener = (event: FerryEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: FerryEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken view must not stop the others from hearing about the event.
      }
    }
  }
}
