/**
 * A queued ASCII download under a speed limit takes the longest path there is: socket → line
 * endings → the speed limit's tap → the .part file. A review feared that a server going quiet
 * mid-file would leave that item hanging once the idle timer had torn the socket down. It
 * fails as TIMEOUT, is retried, and arrives whole, converted and without a stray .part. The
 * retry starts over: the text's line endings changed length on the way, so the .part's size is
 * no offset the server's file shares (it resumed with REST at that size before).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectToFake, FakeFtpServer } from '../ftp/fake-ftp-server.js';

const LINES = 4000;
const crlfText = 'a line of text\r\n'.repeat(LINES);
const work = mkdtempSync(join(tmpdir(), 'ferry-queue-stalled-ascii-'));
let fake: FakeFtpServer | null = null;
afterAll(() => {
  fake?.close();
  rmSync(work, { recursive: true, force: true });
});

it('retries an ASCII download whose server went quiet mid-file under a speed limit', async () => {
  let attempts = 0;
  const types: string[] = [];
  const verbs = new Set<string>();
  fake = await FakeFtpServer.start((verb, argument, session) => {
    verbs.add(verb);
    if (verb === 'TYPE') {
      types.push(argument);
      session.reply('200 Type set.');
      return true;
    }
    if (verb === 'ABOR') {
      session.reply('226 ABOR successful.');
      return true;
    }
    if (verb === 'LIST') {
      session.reply('150 listing');
      const line = `-rw-r--r-- 1 u g ${crlfText.length} Jan 01 2024 notes.txt\r\n`;
      void session.data().then((socket) => socket.end(line, () => session.reply('226 done')));
      return true;
    }
    if (verb !== 'RETR') return false;
    attempts++;
    session.reply('150 sending');
    void session.data().then((socket) => {
      socket.on('error', () => undefined);
      if (attempts > 1) {
        socket.end(crlfText, () => session.reply('226 done'));
        return;
      }
      // A third of the file, then silence: neither more bytes nor a FIN.
      socket.write(crlfText.slice(0, crlfText.length / 3));
    });
    return true;
  });

  const queue = await TransferQueue.open({
    journalDir: join(work, 'journal'),
    connect: () =>
      connectToFake(fake!, { asciiExtensions: ['txt'] }, { options: { dataIdleTimeoutMs: 300 } }),
    settings: {
      maxConnectionsPerSite: 1,
      defaultOverwrite: 'overwrite',
      retryBaseMs: 20,
      retries: 3,
      // Slower than the file arrives, so the tap holds the socket back at times (not a stall).
      downloadLimit: 256 * 1024,
    },
  });
  try {
    await queue.add([
      {
        direction: 'download',
        source: { location: 'fake', path: '/docs' },
        target: { location: 'local', path: join(work, 'docs') },
        isDir: true,
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    const [file] = queue.list().filter((item) => !item.isDir);
    expect(file?.error ?? null).toBeNull();
    expect(file).toMatchObject({ state: 'done' });
    expect(attempts).toBe(2);
    expect(types).toContain('A');
    // The .part held a third of the text, LF-converted: REST at its size would start at the wrong byte.
    expect(verbs.has('REST')).toBe(false);
    expect(readFileSync(join(work, 'docs', 'notes.txt'), 'utf8')).toBe('a line of text\n'.repeat(LINES));
    expect(existsSync(join(work, 'docs', 'notes.txt.part'))).toBe(false);
  } finally {
    await queue.close();
  }
}, 20_000);
