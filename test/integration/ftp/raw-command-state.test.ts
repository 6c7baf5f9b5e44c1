/**
 * A command typed in the raw console can change server state the session's own transfers rely
 * on. The session caches the TYPE it last set and skips `TYPE I` when binary is on, so after a
 * raw `TYPE A` a binary download ran as text (LF became CRLF, silently); and a raw `REST 5` cut
 * the first five bytes off the next download. Both are put back in step after the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo, download } from './ftp-test-kit.js';

describe('raw commands and the state of the session (proftpd)', () => {
  let server: RunningServer;
  const bytes = Buffer.from('line one\nline two\n\x00\x01\x02\nend', 'latin1');
  beforeAll(async () => {
    server = await startServer('proftpd');
    await server.writeFile('data.bin', bytes);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it.each([
    ['TYPE A', 200],
    ['REST 5', 350],
  ])('a binary download after a raw "%s" is still byte-exact', async (command, code) => {
    const fs = await connectTo(server);
    try {
      // A first binary download: the session now believes TYPE I is in force.
      expect((await download(fs, server.remotePath('data.bin'))).equals(bytes)).toBe(true);
      expect((await fs.raw(command)).code).toBe(code);
      const again = await download(fs, server.remotePath('data.bin'));
      expect({ length: again.length, exact: again.equals(bytes) }).toEqual({
        length: bytes.length,
        exact: true,
      });
    } finally {
      await fs.close();
    }
  });
});
