/**
 * The queue against real FTP servers: a tree of 1,200 files (nested, unicode names, empty
 * files) down and back up over 4 connections, every sha256 compared; then an outage mid-run.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { chownTree, downloadThenUpload, fingerprint, ftpConnect, makeTree } from './tree-kit.js';

const FILES = 1200;

describe.each(['vsftpd', 'pyftpdlib'] as const)('queue over %s', (kind) => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer(kind);
    work = mkdtempSync(join(tmpdir(), 'ferry-queue-ftp-'));
    makeTree(join(server.root, 'tree'), FILES);
    // The server runs as the test user: it must be able to write next to what it serves.
    chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  function remote(path: string): string {
    return `${server.remoteRoot.replace(/\/$/, '')}/${path}`;
  }

  it(`downloads and uploads a tree of ${FILES} files over 4 connections, every sha256 intact`, async () => {
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: ftpConnect(server),
      settings: { maxConnectionsPerSite: 4, retryBaseMs: 50, retryCapMs: 500, defaultOverwrite: 'overwrite' },
    });
    try {
      const started = performance.now();
      const files = await downloadThenUpload(queue, server, kind, work);
      expect(files).toHaveLength(2 * FILES);
      expect(queue.summary().counts.done).toBe(queue.list().length);
      console.log(
        `${kind}: ${FILES} files down and up in ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
    } finally {
      await queue.close();
    }
  });

  it('an outage mid-run: items retry and finish once the server is back', async () => {
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal-outage'),
      connect: ftpConnect(server),
      settings: {
        maxConnectionsPerSite: 4,
        retries: 20,
        retryBaseMs: 100,
        retryCapMs: 1000,
        defaultOverwrite: 'overwrite',
      },
    });
    try {
      await queue.add([
        {
          direction: 'download',
          source: { location: kind, path: remote('tree') },
          target: { location: 'local', path: join(work, 'outage') },
        },
      ]);
      await queue.start();
      while (queue.summary().counts.done < 200) await new Promise((r) => setTimeout(r, 20));
      await server.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await server.start();
      await queue.whenIdle();
      const items = queue.list();
      expect(items.filter((i) => i.state !== 'done')).toEqual([]);
      expect(items.some((i) => i.attempts > 1)).toBe(true);
      expect(await fingerprint(join(work, 'outage'))).toEqual(await fingerprint(join(server.root, 'tree')));
      expect(
        readdirSync(join(work, 'outage'), { recursive: true }).filter((n) => String(n).endsWith('.part')),
      ).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
