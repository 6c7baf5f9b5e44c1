/**
 * A transfer command answered by two preliminary replies (RFC 959 allows several 1xx before the
 * final one). runTransfer took the second 1xx for the final reply: the transfer "succeeded"
 * before the server had confirmed it, and its real 226 was left queued, so every later command
 * read the reply of the command before it. It now reads past every 1xx.
 */
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { connectToFake, FakeFtpServer } from './fake-ftp-server.js';
import { BufferSink, RecordingLogger } from './ftp-test-kit.js';

const open: { fake: FakeFtpServer; fs: FtpFileSystem }[] = [];
afterEach(async () => {
  for (const { fake, fs } of open.splice(0)) {
    await fs.close().catch(() => undefined);
    fake.close();
  }
});

it('a RETR answered 125 then 150 then 226 keeps the control connection in step', async () => {
  // Like a real server, the next command is only read once the transfer is over.
  let transferDone: Promise<void> = Promise.resolve();
  const fake = await FakeFtpServer.start((verb, _argument, session) => {
    if (verb === 'RETR') {
      session.reply('125 Data connection already open; transfer starting');
      session.reply('150 Opening BINARY mode data connection');
      transferDone = session.data().then(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.end('hello', () =>
              setTimeout(() => {
                session.reply('226 Transfer complete');
                resolve();
              }, 50),
            );
          }),
      );
      return true;
    }
    if (verb === 'DELE') {
      void transferDone.then(() => session.reply('550 /missing: No such file'));
      return true;
    }
    return false;
  });
  const logger = new RecordingLogger();
  const fs = await connectToFake(fake, {}, { logger });

  open.push({ fake, fs });

  const sink = new BufferSink();
  await fs.download('/file', sink);
  expect(sink.data.toString()).toBe('hello');

  // The server refuses this delete; the person must not be told it worked.
  const deleted = await fs.deleteFile('/missing').then(
    () => 'reported deleted',
    (error: unknown) => (error as { code?: string }).code,
  );
  expect(deleted, logger.text()).toBe('NOT_FOUND');
});

it('an upload answered 150, 150, then 552 (quota) is not reported as stored', async () => {
  const fake = await FakeFtpServer.start((verb, _argument, session) => {
    if (verb === 'STOR') {
      session.reply('150 Ok to send data');
      session.reply('150 Opening BINARY mode data connection');
      void session.data().then((socket) => {
        socket.resume();
        socket.on('end', () => session.reply('552 Quota exceeded; file discarded'));
      });
      return true;
    }
    return false;
  });
  const fs = await connectToFake(fake);
  open.push({ fake, fs });
  const outcome = await fs.upload(Readable.from([Buffer.alloc(1000, 1)]), '/up.bin').then(
    () => 'reported stored',
    (error: unknown) => (error as { code?: string }).code,
  );
  expect(outcome).toBe('DISK_FULL');
});
