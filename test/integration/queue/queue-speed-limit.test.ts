/**
 * The global speed limit holds on a real transfer. Only the lower bound is checked (the limit
 * may never be beaten); how much slower a loaded machine is says nothing about the queue.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import type { RunningServer } from '../../harness/index.js';
import { startFaultyServer, type FaultyServer } from './faulty-server.js';
import { ftpConnect } from './tree-kit.js';

const MiB = 1024 * 1024;

describe('queue speed limit', () => {
  let server: FaultyServer;
  let work: string;
  beforeAll(async () => {
    server = await startFaultyServer();
    work = mkdtempSync(join(tmpdir(), 'ferry-queue-rate-'));
    for (let i = 0; i < 2; i++) writeFileSync(join(server.root, `f${i}.bin`), Buffer.alloc(1.5 * MiB, i + 1));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('two parallel downloads share one 1 MiB/s limit', async () => {
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: ftpConnect({ ...server, remoteRoot: '/' } as unknown as RunningServer),
      settings: { maxConnectionsPerSite: 2, downloadLimit: MiB, defaultOverwrite: 'overwrite' },
    });
    try {
      await queue.add(
        [0, 1].map((i) => ({
          direction: 'download' as const,
          source: { location: 'rate', path: `/f${i}.bin` },
          target: { location: 'local', path: join(work, `f${i}.bin`) },
        })),
      );
      const started = performance.now();
      await queue.start();
      await queue.whenIdle();
      const seconds = (performance.now() - started) / 1000;
      // 3 MiB at 1 MiB/s with at most one second of burst: never under 2 s.
      expect(seconds).toBeGreaterThanOrEqual(1.9);
      expect(queue.list().every((i) => i.state === 'done')).toBe(true);
      expect(readFileSync(join(work, 'f1.bin'))).toEqual(Buffer.alloc(1.5 * MiB, 2));
    } finally {
      await queue.close();
    }
  });

  it('cancel aborts a running transfer and the connection is reused, not logged in again', async () => {
    let logins = 0;
    const connect = ftpConnect({ ...server, remoteRoot: '/' } as unknown as RunningServer);
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal-cancel'),
      connect: (location) => {
        logins++;
        return connect(location);
      },
      settings: { maxConnectionsPerSite: 1, downloadLimit: MiB, defaultOverwrite: 'overwrite' },
    });
    try {
      const [first, second] = await queue.add(
        [0, 1].map((i) => ({
          direction: 'download' as const,
          source: { location: 'rate', path: `/f${i}.bin` },
          target: { location: 'local', path: join(work, `c${i}.bin`) },
        })),
      );
      await queue.start();
      while ((queue.get(first!)?.transferred ?? 0) < 64 * 1024) await new Promise((r) => setTimeout(r, 10));
      await queue.cancel([first!]);
      await queue.whenIdle();
      expect(queue.get(first!)).toMatchObject({ state: 'failed', error: { code: 'CANCELLED' } });
      expect(queue.get(second!)?.state).toBe('done');
      expect(readFileSync(join(work, 'c1.bin'))).toEqual(Buffer.alloc(1.5 * MiB, 2));
      expect(logins).toBe(1);
    } finally {
      await queue.close();
    }
  });
});
