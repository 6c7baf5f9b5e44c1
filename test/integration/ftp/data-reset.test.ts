/**
 * A server (or a middlebox) that resets the data connection mid-transfer: the transfer must
 * fail as a typed, retryable error, never as an uncaught exception that would take the whole
 * app down. Found by CI: a killed vsftpd reset the data socket after its error listener was gone.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { connectToFake, FakeFtpServer } from './fake-ftp-server.js';

const fakes: FakeFtpServer[] = [];
const SMALL = Buffer.from('the file after the reset');
afterAll(() => {
  for (const fake of fakes) fake.close();
});

async function resettingServer(knowsAbor = true): Promise<FakeFtpServer> {
  const fake = await FakeFtpServer.start((verb, argument, session) => {
    if (verb === 'ABOR' && knowsAbor) {
      session.reply('226 ABOR successful.');
      return true;
    }
    if (verb !== 'RETR') return false;
    session.reply('150 sending');
    if (argument.endsWith('small.bin')) {
      void session.data().then((socket) => socket.end(SMALL, () => session.reply('226 done')));
      return true;
    }
    void session.data().then((socket) => {
      socket.write(Buffer.alloc(8 * 1024 * 1024, 7));
      setTimeout(() => {
        // RST instead of FIN: the client reads ECONNRESET.
        socket.resetAndDestroy();
        session.reply('426 Connection closed; transfer aborted.');
      }, 100);
    });
    return true;
  });
  fakes.push(fake);
  return fake;
}

describe('a data connection reset mid-transfer', () => {
  const sinks: [string, () => Promise<Writable>][] = [
    // A file: the direct-read path with reused buffers.
    [
      'into a file',
      async () => createWriteStream(join(await mkdtemp(join(tmpdir(), 'ferry-reset-')), 'out.bin')),
    ],
    // Any other Writable, here a slow one, so unread bytes are still queued when the reset comes.
    [
      'into a slow stream',
      async () => new Writable({ write: (_chunk, _encoding, done) => setTimeout(done, 30) }),
    ],
  ];
  for (const [title, makeSink] of sinks) {
    it(`${title}: fails typed and retryable, the session stays usable`, async () => {
      const fake = await resettingServer();
      const fs = await connectToFake(fake);
      try {
        const sink = await makeSink();
        const error = await fs.download('/big.bin', sink).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ retryable: true });
        // Let any late socket event fire while the test still watches for uncaught errors.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await fs.home()).toBe('/');
      } finally {
        await fs.close();
      }
    });
  }

  it('the next download on the same session gets a sound data connection', async () => {
    const fake = await resettingServer();
    const fs = await connectToFake(fake);
    try {
      const dir = await mkdtemp(join(tmpdir(), 'ferry-reset-'));
      await expect(fs.download('/big.bin', createWriteStream(join(dir, 'big.bin')))).rejects.toMatchObject({
        retryable: true,
      });
      // Plain downloads into a file reuse the session's data socket; the reset one must not be.
      for (let i = 0; i < 3; i++) {
        const file = join(dir, `small-${i}.bin`);
        await fs.download('/small.bin', createWriteStream(file));
        expect(await readFile(file)).toEqual(SMALL);
      }
    } finally {
      await fs.close();
    }
  });

  it('an upload whose data connection is reset fails CONNECTION_LOST, retryable', async () => {
    const fake = await FakeFtpServer.start((verb, _argument, session) => {
      if (verb === 'ABOR') {
        session.reply('226 ABOR successful.');
        return true;
      }
      if (verb !== 'STOR') return false;
      session.reply('150 receiving');
      // No 426 after the reset (ABOR's 226 is all): what the client makes of the socket's own
      // error is all there is to go by.
      void session.data().then((socket) => socket.once('data', () => socket.resetAndDestroy()));
      return true;
    });
    fakes.push(fake);
    const fs = await connectToFake(fake);
    try {
      // The socket reports the reset as `read ECONNRESET`: an upload also reads, its local file,
      // and a read error there would be LOCAL_IO, permanent. This one is the network's.
      const source = Readable.from([Buffer.alloc(8 * 1024 * 1024, 1)]);
      await expect(fs.upload(source, '/up.bin')).rejects.toMatchObject({
        code: 'CONNECTION_LOST',
        retryable: true,
      });
      expect(await fs.home()).toBe('/');
    } finally {
      await fs.close();
    }
  });

  it('a server without ABOR does not make a dropped transfer permanent', async () => {
    const fake = await resettingServer(false);
    const fs = await connectToFake(fake);
    try {
      const sink = createWriteStream(join(await mkdtemp(join(tmpdir(), 'ferry-reset-')), 'out.bin'));
      await expect(fs.download('/big.bin', sink)).rejects.toMatchObject({ retryable: true });
    } finally {
      await fs.close();
    }
  });
});
