/**
 * The data connection's idle timeout counts the server's silence, not this side's. A speed
 * limit or a slow disk can hold a transfer's socket paused for longer than the timeout (a
 * 1 MiB read at 16 KiB/s waits a minute, the default timeout); that must not fail the file.
 * A server that stops sending or stops reading still fails it, as TIMEOUT, and the session
 * goes on.
 */
import type { Socket } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { connectToFake, FakeFtpServer, type FakeHandler } from './fake-ftp-server.js';

const IDLE_MS = 300;
const MiB = 1024 * 1024;
const fakes: FakeFtpServer[] = [];
afterAll(() => {
  for (const fake of fakes) fake.close();
});

async function session(handler: FakeHandler): Promise<FtpFileSystem> {
  const fake = await FakeFtpServer.start(handler);
  fakes.push(fake);
  return connectToFake(fake, {}, { options: { dataIdleTimeoutMs: IDLE_MS } });
}

/** A server that accepts `verb`, then does `stall` to the data connection and nothing more. */
function stalling(verb: 'RETR' | 'STOR', stall: (socket: Socket) => void): FakeHandler {
  return (command, _argument, s) => {
    if (command === 'ABOR') {
      s.reply('226 ABOR successful.');
      return true;
    }
    if (command !== verb) return false;
    s.reply('150 go ahead');
    void s.data().then((socket) => {
      // The client resets the connection it gave up.
      socket.on('error', () => undefined);
      stall(socket);
    });
    return true;
  };
}

/** Lets go of chunks like fs.WriteStream; holds the first one `holdMs` before calling back. */
function sinkHoldingFirstChunk(holdMs: number, counted: { bytes: number }): Writable {
  let first = true;
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      setTimeout(done, first ? holdMs : 0);
      first = false;
    },
  });
  return Object.assign(sink, { [RELEASES_CHUNKS]: true });
}

describe('the data idle timeout', () => {
  it('a download whose sink holds the socket back longer than the timeout completes', async () => {
    const fs = await session((verb, _argument, s) => {
      if (verb !== 'RETR') return false;
      s.reply('150 sending');
      void s.data().then((socket) => socket.end(Buffer.alloc(3 * MiB, 7), () => s.reply('226 done')));
      return true;
    });
    try {
      const counted = { bytes: 0 };
      await expect(fs.download('/big.bin', sinkHoldingFirstChunk(3 * IDLE_MS, counted))).resolves.toEqual({
        bytes: 3 * MiB,
      });
      expect(counted.bytes).toBe(3 * MiB);
    } finally {
      await fs.close();
    }
  });

  it('an upload whose source pauses longer than the timeout completes', async () => {
    let received = 0;
    const fs = await session((verb, _argument, s) => {
      if (verb !== 'STOR') return false;
      s.reply('150 receiving');
      void s.data().then((socket) => {
        socket.on('data', (chunk: Buffer) => (received += chunk.length));
        socket.on('end', () => s.reply('226 stored'));
      });
      return true;
    });
    try {
      async function* slowly(): AsyncGenerator<Buffer> {
        yield Buffer.alloc(64 * 1024, 1);
        await new Promise((resolve) => setTimeout(resolve, 3 * IDLE_MS));
        yield Buffer.alloc(64 * 1024, 2);
      }
      await expect(fs.upload(Readable.from(slowly()), '/up.bin')).resolves.toMatchObject({
        bytes: 128 * 1024,
      });
      expect(received).toBe(128 * 1024);
    } finally {
      await fs.close();
    }
  });

  it('a server that stops sending is TIMEOUT, and the session goes on', async () => {
    const fs = await session(stalling('RETR', (socket) => socket.write(Buffer.alloc(1000, 3))));
    try {
      await expect(fs.download('/stalled.bin', sinkHoldingFirstChunk(0, { bytes: 0 }))).rejects.toMatchObject(
        {
          code: 'TIMEOUT',
        },
      );
      expect(await fs.home()).toBe('/');
    } finally {
      await fs.close();
    }
  });

  // ASCII mode puts a line-ending transform between the socket and the sink, so the socket is
  // held back by the pipeline's backpressure rather than by the direct reader.
  it('an ASCII download whose sink holds the socket back longer than the timeout completes', async () => {
    const fs = await session((verb, _argument, s) => {
      if (verb === 'TYPE') {
        s.reply('200 type set');
        return true;
      }
      if (verb !== 'RETR') return false;
      s.reply('150 sending');
      void s.data().then((socket) => socket.end(Buffer.alloc(3 * MiB, 0x61), () => s.reply('226 done')));
      return true;
    });
    try {
      const counted = { bytes: 0 };
      await expect(
        fs.download('/big.txt', sinkHoldingFirstChunk(3 * IDLE_MS, counted), { ascii: true }),
      ).resolves.toEqual({ bytes: 3 * MiB });
      expect(counted.bytes).toBe(3 * MiB);
    } finally {
      await fs.close();
    }
  });

  it('an ASCII download from a server that stops sending is TIMEOUT, and the session goes on', async () => {
    const stall = stalling('RETR', (socket) => socket.write(Buffer.from('line\r\n'.repeat(200))));
    const fs = await session((verb, argument, s) => {
      if (verb !== 'TYPE') return stall(verb, argument, s);
      s.reply('200 type set');
      return true;
    });
    try {
      const counted = { bytes: 0 };
      await expect(
        fs.download('/stalled.txt', sinkHoldingFirstChunk(IDLE_MS / 2, counted), { ascii: true }),
      ).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(counted.bytes).toBe(1000); // "line\n" × 200: the CRs are gone
      expect(await fs.home()).toBe('/');
    } finally {
      await fs.close();
    }
  });

  it('a server that stops reading an upload is TIMEOUT from the idle timer, not a success', async () => {
    const fs = await session(stalling('STOR', (socket) => socket.pause()));
    try {
      // More than the kernel buffers hold, so some of it waits in the socket. The source ends at
      // once: destroying the socket then ended the pipeline as if it had finished, and only the
      // 30 s reply timeout noticed.
      const source = Readable.from([Buffer.alloc(64 * MiB, 4)]);
      await expect(fs.upload(source, '/up.bin')).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: expect.stringMatching(/No data moved/),
      });
    } finally {
      await fs.close();
    }
  });
});
