/**
 * close() while a download runs. The control connection was destroyed but the data connection
 * was not tied to it: the bytes kept flowing into the sink, and the download's promise only
 * settled when the server ended the file (never, for a big or endless one). Now the data
 * connection goes with the control connection and the download fails as CONNECTION_LOST.
 */
import { afterEach, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { connectToFake, FakeFtpServer, streamForever } from './fake-ftp-server.js';
import { HashSink } from './ftp-test-kit.js';

const fakes: FakeFtpServer[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.close();
});

for (const ascii of [false, true]) {
  it(`close() during a${ascii ? 'n ASCII' : ' binary'} download ends the download and its data connection`, async () => {
    let data: Socket | null = null;
    const fake = await FakeFtpServer.start((verb, _argument, session) => {
      if (verb === 'RETR') {
        session.reply('150 sending');
        void session.data().then((socket) => {
          data = socket;
          streamForever(socket);
        });
        return true;
      }
      return false;
    });
    fakes.push(fake);
    const fs = await connectToFake(fake);
    const sink = new HashSink();
    let closed: Promise<void> | null = null;
    const download = fs
      .download('/big.bin', sink, {
        ascii,
        onProgress: (bytes) => {
          if (bytes > 1024 * 1024 && !closed) closed = fs.close();
        },
      })
      .then(
        () => 'resolved',
        (error: unknown) => (error as { code?: string }).code ?? 'rejected',
      );
    const outcome = await Promise.race([
      download,
      new Promise((resolve) => setTimeout(() => resolve('still running 3 s after close()'), 3000)),
    ]);
    const afterClose = sink.bytes;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const socket = data as Socket | null;
    const state = {
      outcome,
      dataConnectionOpen: socket !== null && !socket.destroyed && socket.writable,
      bytesStillArriving: sink.bytes > afterClose,
    };
    socket?.destroy();
    expect(closed).not.toBeNull();
    expect(state).toEqual({
      outcome: 'CONNECTION_LOST',
      dataConnectionOpen: false,
      bytesStillArriving: false,
    });
  });
}
