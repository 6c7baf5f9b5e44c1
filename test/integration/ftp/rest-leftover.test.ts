/**
 * A resumed transfer that failed after its REST was accepted but before RETR/STOR was sent left
 * the restart point set on the server: the session's next transfer started at that offset, so
 * the next file arrived without its first bytes and was reported a success. REST now goes right
 * before the command, after the data connection is set up, and a restart point left behind by
 * a command that was never sent is cleared with REST 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerKind } from '../../harness/index.js';
import { BufferSink, connectTo, RecordingLogger } from './ftp-test-kit.js';

const CONTENT = Buffer.from('0123456789'.repeat(50)); // 500 bytes

for (const kind of ['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib'] as ServerKind[]) {
  describe(kind, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(kind);
      await server.writeFile('a.bin', CONTENT);
      await server.writeFile('b.bin', CONTENT);
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it('a resumed download cancelled before RETR does not shift the next download', async () => {
      const logger = new RecordingLogger();
      const fs = await connectTo(server, {}, { logger });
      try {
        // The queue cancelled this resume while it waited for its turn on the control connection.
        const controller = new AbortController();
        const busy = fs.list('/');
        const resumed = fs
          .download(server.remotePath('a.bin'), new BufferSink(), { offset: 100, signal: controller.signal })
          .catch((caught: unknown) => caught);
        controller.abort(); // the person pauses the queue while the listing still runs
        await busy;
        expect(await resumed).toMatchObject({ code: 'CANCELLED' });

        // The next file of the queue, from its start.
        const sink = new BufferSink();
        const result = await fs.download(server.remotePath('b.bin'), sink);
        expect({ bytes: result.bytes, length: sink.data.length }).toEqual({
          bytes: CONTENT.length,
          length: CONTENT.length,
        });
        expect(sink.data.equals(CONTENT)).toBe(true);
      } finally {
        await fs.close();
      }
    });

    it('a resumed download whose local file already failed does not shift the next download', async () => {
      const fs = await connectTo(server);
      try {
        const broken = new BufferSink();
        broken.on('error', () => undefined);
        broken.destroy(new Error('EACCES: cannot open the local file'));
        await expect(fs.download(server.remotePath('a.bin'), broken, { offset: 100 })).rejects.toThrow();

        const sink = new BufferSink();
        await fs.download(server.remotePath('b.bin'), sink);
        expect(sink.data.length).toBe(CONTENT.length);
      } finally {
        await fs.close();
      }
    });
  });
}
