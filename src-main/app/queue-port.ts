/** Adapts the transfer queue to the service: connection targets become location keys. */
import type { Endpoint } from '../../src-shared/model.js';
import type { TransferQueue } from '../queue/index.js';
import type { QueueRequest, TransferQueuePort } from '../service/ports.js';
import type { LocationRegistry } from './location-registry.js';

export function queuePort(queue: TransferQueue, locations: LocationRegistry): TransferQueuePort {
  const endpoint = (end: QueueRequest['source'], path: string): Endpoint => ({
    location: end === 'local' ? 'local' : locations.keyFor(end),
    path,
  });
  return {
    list: () => ({ items: queue.list(), summary: queue.summary() }),
    add: (requests) =>
      queue.add(
        requests.map((request) => ({
          direction: request.direction,
          source: endpoint(request.source, request.sourcePath),
          target: endpoint(request.target, request.targetPath),
          ...(request.isDir === undefined ? {} : { isDir: request.isDir }),
          ...(request.size === undefined ? {} : { size: request.size }),
          ...(request.modified === undefined ? {} : { modified: request.modified }),
          ...(request.overwrite ? { overwrite: request.overwrite } : {}),
          ...(request.priority ? { priority: request.priority } : {}),
          ...(request.paused ? { paused: true } : {}),
        })),
      ),
    start: () => queue.start(),
    pause: (ids) => queue.pause(ids),
    resume: (ids) => queue.resume(ids),
    cancel: (ids) => queue.cancel(ids),
    retry: (ids) => queue.retry(ids),
    remove: (ids) => queue.remove(ids),
    clearFinished: () => queue.clearFinished(),
    setPriority: (ids, priority) => queue.setPriority(ids, priority),
    move: (ids, where) => queue.move(ids, where),
    settings: (patch) => queue.settings(patch),
    close: () => queue.close(),
  };
}
