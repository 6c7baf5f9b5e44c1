/**
 * The queue's small-file path when the data connection is reset mid-file: the item is retried
 * and arrives whole, and the process survives. Found by resetting vsftpd's data sockets with
 * `ss -K` during a 1,000-file `ferry get -r`: the in-memory sink's failure was an unhandled
 * rejection while the engine was still sending ABOR, and it ended the process.
 *
 * A scripted server, because no real one resets a data connection on demand; the same tree
 * against real servers is in queue-ftp-tree.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectToFake, FakeFtpServer } from '../ftp/fake-ftp-server.js';

const FILES = ['a.bin', 'b.bin', 'c.bin'];
const content = (name: string) => Buffer.alloc(48 * 1024, name.charCodeAt(0));
const work = mkdtempSync(join(tmpdir(), 'ferry-queue-reset-'));
let fake: FakeFtpServer | null = null;
afterAll(() => {
  fake?.close();
  rmSync(work, { recursive: true, force: true });
});

it('retries a small file whose data connection was reset, and finishes every item', async () => {
  const attempts = new Map<string, number>();
  fake = await FakeFtpServer.start((verb, argument, session) => {
    if (verb === 'ABOR') {
      session.reply('226 ABOR successful.');
      return true;
    }
    if (verb === 'LIST') {
      session.reply('150 listing');
      const lines = FILES.map((name) => `-rw-r--r-- 1 u g ${48 * 1024} Jan 01 2024 ${name}\r\n`);
      void session.data().then((socket) => socket.end(lines.join(''), () => session.reply('226 done')));
      return true;
    }
    if (verb !== 'RETR') return false;
    const name = argument.slice(argument.lastIndexOf('/') + 1);
    const attempt = (attempts.get(name) ?? 0) + 1;
    attempts.set(name, attempt);
    session.reply('150 sending');
    void session.data().then((socket) => {
      if (attempt > 1) {
        socket.end(content(name), () => session.reply('226 done'));
        return;
      }
      // Part of the file, and once the client is reading, RST instead of FIN: it reads
      // ECONNRESET and winds the transfer up with ABOR and NOOP, a round trip during which the
      // sink has already failed.
      socket.write(content(name).subarray(0, 1000));
      setTimeout(() => {
        socket.resetAndDestroy();
        session.reply('426 Connection closed; transfer aborted.');
      }, 50);
    });
    return true;
  });

  const queue = await TransferQueue.open({
    journalDir: join(work, 'journal'),
    connect: () => connectToFake(fake!),
    settings: { maxConnectionsPerSite: 2, defaultOverwrite: 'overwrite', retryBaseMs: 20, retries: 3 },
  });
  try {
    await queue.add([
      {
        direction: 'download',
        source: { location: 'fake', path: '/tree' },
        target: { location: 'local', path: join(work, 'tree') },
        isDir: true,
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    const files = queue.list().filter((item) => !item.isDir);
    expect(files.map((item) => [item.state, item.attempts])).toEqual(FILES.map(() => ['done', 2]));
    for (const name of FILES) expect(readFileSync(join(work, 'tree', name))).toEqual(content(name));
  } finally {
    await queue.close();
  }
});
