/**
 * An 'overwrite' upload whose first STOR is refused with "450 file busy" (the server never
 * opened the file), through the real FTP engine against a scripted server; the same case with
 * the queue alone is test/unit/queue/retry-upload-overwrite.test.ts. The retry used to send
 * REST <old size> + STOR, so the server kept the old file's head and appended the new file's
 * tail: a corrupt file, reported as done. A target counts as this item's work only once the
 * server answered STOR with 150.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectToFake, FakeFtpServer } from '../ftp/fake-ftp-server.js';

const work = mkdtempSync(join(tmpdir(), 'ferry-queue-ftp-'));
let fake: FakeFtpServer | null = null;
afterAll(() => {
  fake?.close();
  rmSync(work, { recursive: true, force: true });
});

it("'overwrite' upload retried after 450 replaces the remote file (no REST into the old one)", async () => {
  const fresh = Buffer.from('NEW-CONTENT:' + 'n'.repeat(88)); // 100 bytes
  let remote = Buffer.from('OLD:' + 'o'.repeat(36)); // 40 bytes on the server
  let stors = 0;
  let rest = 0;
  fake = await FakeFtpServer.start((verb, argument, session) => {
    switch (verb) {
      case 'LIST':
        session.reply('150 listing');
        void session
          .data()
          .then((socket) =>
            socket.end(`-rw-r--r-- 1 u g ${remote.length} Jan 01 2024 mine.txt\r\n`, () =>
              session.reply('226 done'),
            ),
          );
        return true;
      case 'SIZE':
        session.reply(`213 ${remote.length}`);
        return true;
      case 'REST':
        rest = Number(argument);
        session.reply(`350 Restarting at ${rest}`);
        return true;
      case 'STOR':
      case 'APPE': {
        stors++;
        if (stors === 1) {
          rest = 0;
          session.reply('450 mine.txt: file busy, try later');
          return true;
        }
        const start = verb === 'APPE' ? remote.length : rest;
        rest = 0;
        session.reply('150 ready');
        void session.data().then((socket) => {
          const chunks: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => chunks.push(chunk));
          socket.on('end', () => {
            remote = Buffer.concat([remote.subarray(0, start), ...chunks]);
            session.reply('226 stored');
          });
        });
        return true;
      }
    }
    return false;
  });

  writeFileSync(join(work, 'mine.txt'), fresh);
  const queue = await TransferQueue.open({
    journalDir: join(work, 'journal'),
    connect: () => connectToFake(fake!),
    settings: { defaultOverwrite: 'overwrite', retryBaseMs: 20, retries: 3 },
  });
  try {
    const [id] = await queue.add([
      {
        direction: 'upload',
        source: { location: 'local', path: join(work, 'mine.txt') },
        target: { location: 'fake', path: '/site/mine.txt' },
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    const item = queue.list().find((i) => i.id === id)!;
    expect(item.state).toBe('done');
    expect(remote.toString()).toBe(fresh.toString());
    expect(fake.commands.filter((c) => /^(REST|STOR|APPE)/.test(c))).toEqual([
      'STOR /site/mine.txt',
      'STOR /site/mine.txt',
    ]);
  } finally {
    await queue.close();
  }
});
