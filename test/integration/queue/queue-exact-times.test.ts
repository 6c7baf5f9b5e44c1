/**
 * "Preserve times" stamped a download with the time the server's LIST showed. Without MLSD
 * (vsftpd) that is `ls -l` text: minutes for recent files, only the day for files older than six
 * months, so the copy was labelled with midnight of that day, hours off, and looked older than
 * its source to "overwrite if newer" for ever after. The exact time is asked with MDTM, as lftp
 * does for each file it mirrors.
 */
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { ftpConnect } from './tree-kit.js';

describe('modification time of a download from a server without MLSD', () => {
  let server: RunningServer;
  let work: string;
  beforeAll(async () => {
    server = await startServer('vsftpd');
    work = mkdtempSync(join(tmpdir(), 'ferry-exact-times-'));
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('is the server file time (as MDTM gives it), not the day the listing shows', async () => {
    const remote = await server.writeFile('old/notes.bin', Buffer.alloc(1000, 7));
    const when = new Date('2020-06-01T17:34:56Z');
    utimesSync(remote, when, when);
    const queue = await TransferQueue.open({
      journalDir: mkdtempSync(join(work, 'journal-')),
      connect: ftpConnect(server),
      settings: { preserveTimes: true },
    });
    try {
      await queue.add([
        {
          direction: 'download',
          source: { location: 'vsftpd', path: server.remotePath('old') },
          target: { location: 'local', path: join(work, 'old') },
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      expect(queue.list().every((item) => item.state === 'done')).toBe(true);
      const local = statSync(join(work, 'old', 'notes.bin')).mtime;
      // Today: 2020-06-01T00:00:00.000Z, 17.5 hours off.
      expect(local.toISOString()).toBe(when.toISOString());
    } finally {
      await queue.close();
    }
  });
});
