/**
 * Text files in the queue (a site's ASCII extensions): their line endings are converted on the
 * way, so the copy's size differs from the original's by up to a byte per line, and no byte
 * offset is shared by both ends. Against a scripted server that stores what it receives, as a
 * Windows server does (CRLF): the real ones in the suite store LF and hide the difference.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectToFake, FakeFtpServer, type FakeHandler } from '../ftp/fake-ftp-server.js';

const LINES = 3000;
const lfText = 'some text\n'.repeat(LINES);
const crlfText = lfText.replaceAll('\n', '\r\n');
const work = mkdtempSync(join(tmpdir(), 'ferry-queue-text-'));
let fake: FakeFtpServer | null = null;
afterEach(() => fake?.close());
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A server keeping files as the bytes it received; `send` decides what a RETR sends. */
function storingServer(stored: Map<string, Buffer>, send: (file: Buffer) => Buffer = (f) => f): FakeHandler {
  return (verb, argument, session) => {
    switch (verb) {
      case 'MKD':
        session.reply(`257 "${argument}" created`);
        return true;
      case 'SIZE': {
        const file = stored.get(argument);
        session.reply(file ? `213 ${file.length}` : '550 no such file');
        return true;
      }
      case 'STOR':
        session.reply('150 receiving');
        void session.data().then((socket) => {
          const chunks: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => chunks.push(chunk));
          socket.on('end', () => {
            stored.set(argument, Buffer.concat(chunks));
            session.reply('226 stored');
          });
        });
        return true;
      case 'LIST': {
        session.reply('150 listing');
        const lines = [...stored].map(
          ([path, file]) => `-rw-r--r-- 1 u g ${file.length} Jan 01 2024 ${path.split('/').pop()}\r\n`,
        );
        void session.data().then((socket) => socket.end(lines.join(''), () => session.reply('226 done')));
        return true;
      }
      case 'RETR': {
        const file = stored.get(argument);
        if (!file) return false;
        session.reply('150 sending');
        void session.data().then((socket) => socket.end(send(file), () => session.reply('226 done')));
        return true;
      }
      default:
        return false;
    }
  };
}

async function runQueue(direction: 'download' | 'upload', local: string, remote: string) {
  const queue = await TransferQueue.open({
    journalDir: join(work, `journal-${Math.random()}`),
    connect: () => connectToFake(fake!, { asciiExtensions: ['txt'] }),
    settings: { maxConnectionsPerSite: 1, defaultOverwrite: 'overwrite', retryBaseMs: 10, retries: 2 },
  });
  try {
    const site = { location: 'fake', path: remote };
    const disk = { location: 'local', path: local };
    await queue.add([
      direction === 'download'
        ? { direction, source: site, target: disk, isDir: true }
        : { direction, source: disk, target: site, isDir: true },
    ]);
    await queue.start();
    await queue.whenIdle();
    return queue.list().filter((item) => !item.isDir);
  } finally {
    await queue.close();
  }
}

it('an uploaded text file the server stores with CRLF is done, verified by size', async () => {
  const stored = new Map<string, Buffer>();
  fake = await FakeFtpServer.start(storingServer(stored));
  const local = join(work, 'up');
  mkdirSync(local);
  writeFileSync(join(local, 'notes.txt'), lfText);
  const [item] = await runQueue('upload', local, '/up');
  expect(item).toMatchObject({ state: 'done', verifiedBy: 'size', attempts: 1 });
  // One byte more per line than the local file: the size check allows for that, and only that.
  expect(stored.get('/up/notes.txt')?.toString()).toBe(crlfText);
});

it('a text download cut short behind a 226 fails verification instead of passing as text', async () => {
  const stored = new Map([['/down/notes.txt', Buffer.from(crlfText)]]);
  // Half the file, then a clean end and "226": only the size can tell.
  fake = await FakeFtpServer.start(storingServer(stored, (file) => file.subarray(0, file.length / 2)));
  const [item] = await runQueue('download', join(work, 'down'), '/down');
  expect(item).toMatchObject({ state: 'failed', error: { code: 'VERIFY_FAILED' } });
  expect(item?.error?.message).toMatch(/as text/);
});

it('the engine refuses to resume a text transfer, before sending anything', async () => {
  fake = await FakeFtpServer.start(() => false);
  const fs = await connectToFake(fake);
  try {
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    await expect(fs.download('/a.txt', sink, { ascii: true, offset: 100 })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      retryable: false,
    });
    expect(fake.commands.some((line) => /^(REST|RETR|TYPE)/.test(line))).toBe(false);
  } finally {
    await fs.close();
  }
});
