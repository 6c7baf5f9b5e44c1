/**
 * The queue over ProFTPD's mod_sftp, which refuses exec: every file is still proven by a
 * server-side sha256, computed through the SFTP check-file extension.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectWithPassword, RecordingLogger, trustingKnownHosts } from '../sftp/sftp-test-kit.js';
import { downloadThenUpload, makeTree } from './tree-kit.js';

const FILES = 60;

describe('queue over proftpd-sftp (check-file)', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer('proftpd-sftp');
    work = mkdtempSync(join(tmpdir(), 'ferry-queue-check-file-'));
    makeTree(join(server.root, 'tree'), FILES);
    await server.fixOwnership();
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it(`downloads and uploads ${FILES} files (unicode names, empty ones), each verified by sha256`, async () => {
    const knownHosts = trustingKnownHosts(server, work);
    const loggers: RecordingLogger[] = [];
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: () => {
        const logger = new RecordingLogger();
        loggers.push(logger);
        return connectWithPassword(server, knownHosts, logger);
      },
      settings: { maxConnectionsPerSite: 2, retryBaseMs: 50, retryCapMs: 500, defaultOverwrite: 'overwrite' },
    });
    try {
      const files = await downloadThenUpload(queue, server, 'proftpd-sftp', work);
      expect(files).toHaveLength(2 * FILES);
      expect(new Set(files.map((i) => i.verifiedBy))).toEqual(new Set(['sha256']));
      const sent = loggers.flatMap((logger) =>
        logger.lines.filter((l) => l.direction === 'sent').map((l) => l.text),
      );
      expect(sent.filter((text) => text.startsWith('check-file-name sha256 ')).length).toBe(2 * FILES);
      expect(sent.filter((text) => text.startsWith('exec '))).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
