/**
 * The direct reader's sink over a transfer's whole life, including the parts before the server
 * accepted it (its 150) and after it refused it.
 *
 * A server that opens the data connection, sends bytes, and only then refuses RETR (550): the
 * refused transfer's reader never starts, but its sink still calls back for the bytes it got.
 * Those late callbacks must not reach the session's data socket once it carries the next
 * file, or they resume a socket that transfer paused on purpose and Node reads into a buffer
 * that is still queued in the sink: the next file arrives with its length right and its bytes
 * wrong. Found in review; before the fix most of these downloads came out corrupted.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import { connectToFake, FakeFtpServer } from './fake-ftp-server.js';

/** Bytes that differ at every offset and from file to file, so a misplaced chunk shows. */
function content(name: string, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let seed = createHash('sha256').update(name).digest().readUInt32LE(0) | 1;
  for (let i = 0; i < size; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return bytes;
}

/**
 * Lets go of each chunk when it calls back, as fs.WriteStream does, but reads it only then, as
 * the disk would: a chunk overwritten while queued shows up in what it collected.
 */
function slowReleasingSink(delayMs: number, into: Buffer[]): Writable {
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        into.push(Buffer.from(chunk));
        done();
      }, delayMs);
    },
  });
  return Object.assign(sink, { [RELEASES_CHUNKS]: true });
}

let fake: FakeFtpServer | null = null;
afterAll(() => fake?.close());

it("a refused transfer's late sink callbacks never touch the next transfer's socket", async () => {
  fake = await FakeFtpServer.start((verb, argument, session) => {
    if (verb !== 'RETR') return false;
    const size = Number(argument.slice(argument.indexOf('-') + 1));
    if (argument.startsWith('refused-')) {
      // No 150: the bytes come first, the refusal after them, the close later still.
      void session.data().then((socket) => {
        socket.on('error', () => undefined);
        socket.write(content(argument, size));
        setTimeout(() => {
          session.reply('550 Refused after sending.');
          setTimeout(() => socket.destroy(), 100);
        }, 50);
      });
      return true;
    }
    session.reply('150 sending');
    void session.data().then((socket) => {
      // The client drops the data connection of a transfer it gave up.
      socket.on('error', () => undefined);
      socket.end(content(argument, size), () => session.reply('226 done'));
    });
    return true;
  });
  const fs = await connectToFake(fake);
  try {
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = fs.download('refused-6000000', slowReleasingSink(150, []));
      await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const name = `ok-${8_000_000 + i}`;
      const got: Buffer[] = [];
      await fs.download(name, slowReleasingSink(5 + i * 20, got));
      outcomes.push(Buffer.concat(got).equals(content(name, 8_000_000 + i)) ? 'intact' : 'corrupted');
    }
    expect(outcomes).toEqual(outcomes.map(() => 'intact'));
  } finally {
    await fs.close();
  }
});

it('a sink that fails before the server accepts the transfer fails it typed, and the session goes on', async () => {
  const slow = await FakeFtpServer.start((verb, argument, session) => {
    if (verb !== 'RETR') return false;
    // The 150 comes late, so the sink's own failure is the first thing that happens.
    setTimeout(() => {
      session.reply('150 sending');
      void session.data().then((socket) => {
        // The client drops the data connection of a transfer it gave up.
        socket.on('error', () => undefined);
        socket.end(content(argument, 1000), () => session.reply('226 done'));
      });
    }, 100);
    return true;
  });
  const fs = await connectToFake(slow);
  try {
    // Opening a file in a folder that does not exist fails at once. Here it fails while the
    // download waits behind another on the control connection, with no listener of the
    // caller's on it: before the fix that 'error' ended the process.
    const got: Buffer[] = [];
    const first = fs.download('b.bin', slowReleasingSink(1, got));
    const queued = createWriteStream('/nonexistent-ferry-folder/queued.bin');
    await expect(fs.download('a.bin', queued)).rejects.toMatchObject({ code: 'LOCAL_IO', retryable: false });
    await first;
    expect(Buffer.concat(got)).toEqual(content('b.bin', 1000));
    // And while the download itself waits for the server's 150.
    const waiting = createWriteStream('/nonexistent-ferry-folder/waiting.bin');
    await expect(fs.download('c.bin', waiting)).rejects.toMatchObject({ code: 'LOCAL_IO', retryable: false });
    const again: Buffer[] = [];
    await fs.download('d.bin', slowReleasingSink(1, again));
    expect(Buffer.concat(again)).toEqual(content('d.bin', 1000));
  } finally {
    await fs.close();
    slow.close();
  }
});
