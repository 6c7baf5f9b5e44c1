/** The queue's outcome where the OS shows it: progress in the taskbar/dock, a notification when it ends. */
import { Notification, type BrowserWindow } from 'electron';
import type { EventBus } from '../service/event-bus.js';

export function showQueueFeedback(bus: EventBus, window: BrowserWindow): () => void {
  let wasRunning = false;
  return bus.subscribe((event) => {
    if (event.type !== 'queue-progress' || window.isDestroyed()) return;
    const { summary } = event;
    if (summary.running && summary.bytesTotal > 0) {
      window.setProgressBar(summary.bytesDone / summary.bytesTotal, {
        mode: summary.counts.failed > 0 ? 'error' : 'normal',
      });
    } else {
      window.setProgressBar(-1);
    }
    if (wasRunning && !summary.running && Notification.isSupported()) {
      const failed = summary.counts.failed;
      new Notification({
        title: failed > 0 ? 'Ferry: transfers failed' : 'Ferry: transfers finished',
        body:
          failed > 0
            ? `${failed} item(s) failed; ${summary.counts.done} done.`
            : `${summary.counts.done} item(s) transferred and verified.`,
      }).show();
    }
    wasRunning = summary.running;
  });
}
