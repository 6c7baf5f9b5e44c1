/** A temporary folder for each test and the queue a test opens in it, both gone after the test. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { TransferQueue, type TransferQueueOptions } from '../../../src-main/queue/index.js';

export function useQueueScratch(): {
  /** The test's folder: files on both "sides" live in it. */
  readonly root: string;
  /** Opens a queue journaling into the test's folder; it is closed after the test. */
  open(options: Omit<TransferQueueOptions, 'journalDir'>): Promise<TransferQueue>;
} {
  let root = '';
  let queue: TransferQueue | null = null;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-queue-'));
  });
  afterEach(async () => {
    await queue?.close();
    queue = null;
    await rm(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    async open(options) {
      queue = await TransferQueue.open({ ...options, journalDir: join(root, 'journal') });
      return queue;
    },
  };
}
