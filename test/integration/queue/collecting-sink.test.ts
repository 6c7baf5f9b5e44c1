/**
 * The small-file sink fed by the FTP engine's direct reader (ReadTaker): bytes arrive whole, the
 * sink completes without end(), and a file larger than its listed size stops the transfer
 * typed and retryable while the session stays usable.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StreamingDigest } from '../../../src-main/queue/transfer-tap.js';
import { CollectingSink } from '../../../src-main/queue/collecting-sink.js';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo, download } from '../ftp/ftp-test-kit.js';

const content = randomBytes(150_000);
let server: RunningServer;
let fs: FtpFileSystem;
beforeAll(async () => {
  server = await startServer('vsftpd');
  await server.writeFile('small.bin', content);
  fs = await connectTo(server);
});
afterAll(async () => {
  await fs?.close();
  await server?.stop();
});

it('collects a file read straight from the socket, hashed on the way, without end()', async () => {
  const digest = new StreamingDigest('sha256');
  const sink = new CollectingSink(digest, content.length);
  const { bytes } = await fs.download(server.remotePath('small.bin'), sink);
  expect(bytes).toBe(content.length);
  expect(sink.completed).toBe(true);
  expect(sink.data.equals(content)).toBe(true);
  expect(digest.hex()).toBe(createHash('sha256').update(content).digest('hex'));
});

it('a file larger than listed fails VERIFY_FAILED, retryable, and the session goes on', async () => {
  const sink = new CollectingSink(null, 1000);
  await expect(fs.download(server.remotePath('small.bin'), sink)).rejects.toMatchObject({
    code: 'VERIFY_FAILED',
    retryable: true,
  });
  expect(sink.bytes).toBeLessThanOrEqual(1000);
  expect((await download(fs, server.remotePath('small.bin'))).equals(content)).toBe(true);
});
