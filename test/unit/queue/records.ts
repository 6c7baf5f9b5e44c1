/** Queue records for journal and queue tests: a queued download with defaults for the rest. */
import type { QueueRecord } from '../../../src-main/queue/queue-record.js';

export function queuedRecord(id: string, order = 1, sourcePath = `/${id}`): QueueRecord {
  return {
    id,
    direction: 'download',
    source: { location: 'site', path: sourcePath },
    target: { location: 'local', path: `/tmp/${id}` },
    isDir: false,
    size: 10,
    transferred: 0,
    state: 'queued',
    priority: 3,
    attempts: 0,
    overwrite: 'ask',
    order,
    modified: null,
  };
}
