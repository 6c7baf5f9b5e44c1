/**
 * A `.part` left beside the target was resumed by its size alone: nothing checked that the file
 * on the server was still the one it was cut from. When the server file had been replaced since
 * (a new version of the same size, written after the .part), the queue spliced the old version's
 * head onto the new version's tail and, with no server hash to compare (vsftpd offers none),
 * reported the item done and verified "by size". A part older than its source now starts over.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { ftpConnect } from './tree-kit.js';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('resuming a .part of a file that changed on the server since', () => {
  let server: RunningServer;
  let work: string;
  beforeAll(async () => {
    server = await startServer('vsftpd');
    work = mkdtempSync(join(tmpdir(), 'ferry-stale-part-'));
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('does not splice the old version head onto the new version', async () => {
    const size = 1024 * 1024;
    const oldVersion = Buffer.alloc(size, 0x41); // what the .part was cut from
    const newVersion = Buffer.alloc(size, 0x42); // the same size, different bytes
    // The interrupted earlier download: the first half of the old version, written in 2020.
    const target = join(work, 'report.bin');
    writeFileSync(`${target}.part`, oldVersion.subarray(0, size / 2));
    const partTime = new Date(Date.UTC(2020, 0, 1));
    utimesSync(`${target}.part`, partTime, partTime);
    // The server's file was replaced afterwards (2024) by a new version of the same size.
    const remote = await server.writeFile('report.bin', newVersion);
    const serverTime = new Date(Date.UTC(2024, 0, 1));
    utimesSync(remote, serverTime, serverTime);

    const queue = await TransferQueue.open({
      journalDir: mkdtempSync(join(work, 'journal-')),
      connect: ftpConnect(server),
      settings: { retryBaseMs: 50, retryCapMs: 200, retries: 2 },
    });
    try {
      const [id] = await queue.add([
        {
          direction: 'download',
          source: { location: 'vsftpd', path: server.remotePath('report.bin') },
          target: { location: 'local', path: target },
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      const item = queue.get(id!);
      const arrived = readFileSync(target);
      // Today: state 'done', verifiedBy 'size', and the file is half 'A', half 'B'.
      expect({ state: item?.state, sha256: sha(arrived) }).toEqual({
        state: 'done',
        sha256: sha(newVersion),
      });
    } finally {
      await queue.close();
    }
  });
});
