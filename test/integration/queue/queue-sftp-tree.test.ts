/** The same queue over SFTP (OpenSSH): a tree down and back up over 4 connections, sha256 per file. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectWithPassword, trustingKnownHosts } from '../sftp/sftp-test-kit.js';
import { chownTree, downloadThenUpload, makeTree } from './tree-kit.js';

const FILES = 300;

describe('queue over sshd (SFTP)', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer('sshd');
    work = mkdtempSync(join(tmpdir(), 'ferry-queue-sftp-'));
    makeTree(join(server.root, 'tree'), FILES);
    chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it(`downloads and uploads ${FILES} files over 4 SFTP connections, every sha256 intact`, async () => {
    const knownHosts = trustingKnownHosts(server, work);
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: () => connectWithPassword(server, knownHosts),
      settings: { maxConnectionsPerSite: 4, retryBaseMs: 50, retryCapMs: 500, defaultOverwrite: 'overwrite' },
    });
    try {
      const files = await downloadThenUpload(queue, server, 'sshd', work);
      const verified = new Set(files.map((i) => i.verifiedBy));
      // The harness sshd allows exec, so the server computes sha256 and every file is proven.
      expect([...verified]).toEqual(['sha256']);
    } finally {
      await queue.close();
    }
  });
});
