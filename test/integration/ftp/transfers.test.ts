/**
 * Big and interrupted transfers: a 100 MiB file sha256-exact both ways (plain and FTPS),
 * AbortSignal halfway then resume at the offset (both directions), and the session stays
 * usable after the ABOR; FXP between two servers.
 */
import { once } from 'node:events';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerKind } from '../../harness/index.js';
import { connectTo, HashSink, RecordingLogger, sha256File } from './ftp-test-kit.js';

const MiB = 1024 * 1024;
let scratch: string;
let bigFile: string;
let bigHash: string;
const BIG = 100 * MiB + 12_345;

/** Deterministic pseudo-random bytes, generated in 1 MiB chunks (never all in memory). */
function pseudoRandom(length: number): Readable {
  let left = length;
  let seed = 0x9e3779b9;
  return new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const size = Math.min(MiB, left);
      const chunk = Buffer.allocUnsafe(size);
      for (let i = 0; i + 4 <= size; i += 4) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        chunk.writeInt32LE(seed | 0, i);
      }
      for (let i = size - (size % 4); i < size; i++) chunk[i] = i & 255;
      left -= size;
      this.push(chunk);
    },
  });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'ferry-ftp-transfers-'));
  bigFile = join(scratch, 'big.bin');
  await pipeline(pseudoRandom(BIG), createWriteStream(bigFile));
  bigHash = await sha256File(bigFile);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const KINDS: { kind: ServerKind; protocol?: 'ftpes' }[] = [
  { kind: 'vsftpd' },
  { kind: 'vsftpd-ftps-explicit', protocol: 'ftpes' },
  { kind: 'pyftpdlib' },
];

for (const { kind, protocol } of KINDS) {
  describe(`${kind}: large and interrupted transfers`, () => {
    let server: RunningServer;
    const logger = new RecordingLogger();
    beforeAll(async () => {
      server = await startServer(kind);
      copyFileSync(bigFile, join(server.root, 'big.bin'));
    });
    afterAll(() => server?.stop());
    const remote = (name: string): string => posix.join(server.remoteRoot, name);

    it('moves a 100 MiB file sha256-exactly both ways', async () => {
      const fs = await connectTo(server, protocol ? { protocol } : {}, { logger });
      const up = await fs.upload(createReadStream(bigFile, { highWaterMark: MiB }), remote('big-up.bin'));
      expect(up.bytes).toBe(BIG);
      expect(await sha256File(join(server.root, 'big-up.bin'))).toBe(bigHash);
      const sink = new HashSink();
      const down = await fs.download(remote('big.bin'), sink);
      expect(down.bytes).toBe(BIG);
      expect(sink.digest()).toBe(bigHash);
      await fs.close();
    });

    it('a download aborted halfway, resumed at the offset, yields an identical file; the session lists afterwards', async () => {
      const fs = await connectTo(server, protocol ? { protocol } : {}, { logger });
      const local = join(scratch, `${kind}-partial-down.bin`);
      const controller = new AbortController();
      const partial = createWriteStream(local, { highWaterMark: MiB });
      const first = await fs
        .download(remote('big.bin'), partial, {
          signal: controller.signal,
          onProgress: (bytes) => {
            if (bytes >= BIG / 2) controller.abort();
          },
        })
        .catch((caught: unknown) => caught);
      expect(first).toMatchObject({ code: 'CANCELLED' });
      // Same session: the ABOR was handled and the control connection is in step.
      expect(fs.connected).toBe(true);
      expect((await fs.list(server.remoteRoot)).map((entry) => entry.name)).toContain('big.bin');
      if (!partial.closed) await once(partial, 'close');
      const have = statSync(local).size;
      expect(have).toBeGreaterThan(0);
      expect(have).toBeLessThan(BIG);
      const second = await fs.download(
        remote('big.bin'),
        createWriteStream(local, { flags: 'a', highWaterMark: MiB }),
        {
          offset: have,
        },
      );
      expect(second.bytes).toBe(BIG - have);
      expect(await sha256File(local)).toBe(bigHash);
      await fs.close();
    });

    it('an upload aborted halfway, resumed at the remote size, yields an identical file', async () => {
      const fs = await connectTo(server, protocol ? { protocol } : {}, { logger });
      const controller = new AbortController();
      const first = await fs
        .upload(createReadStream(bigFile, { highWaterMark: MiB }), remote('partial-up.bin'), {
          signal: controller.signal,
          onProgress: (bytes) => {
            if (bytes >= BIG / 2) controller.abort();
          },
        })
        .catch((caught: unknown) => caught);
      expect(first).toMatchObject({ code: 'CANCELLED' });
      const have = (await fs.size(remote('partial-up.bin'))) ?? 0;
      expect(have).toBeGreaterThan(0);
      expect(have).toBeLessThan(BIG);
      await fs.upload(
        createReadStream(bigFile, { start: have, highWaterMark: MiB }),
        remote('partial-up.bin'),
        {
          offset: have,
        },
      );
      expect(await sha256File(join(server.root, 'partial-up.bin'))).toBe(bigHash);
      await fs.close();
    });
  });
}

describe('FXP', () => {
  let source: RunningServer;
  let destination: RunningServer;
  beforeAll(async () => {
    source = await startServer('vsftpd');
    destination = await startServer('pyftpdlib');
  });
  afterAll(async () => {
    await source?.stop();
    await destination?.stop();
  });

  it('copies a file directly from one server to the other', async () => {
    writeFileSync(join(source.root, 'fxp.bin'), Buffer.alloc(3 * MiB + 1, 42));
    const from = await connectTo(source);
    const to = await connectTo(destination);
    await from.fxpTo(
      posix.join(source.remoteRoot, 'fxp.bin'),
      to,
      posix.join(destination.remoteRoot, 'copied.bin'),
    );
    expect(await sha256File(join(destination.root, 'copied.bin'))).toBe(
      await sha256File(join(source.root, 'fxp.bin')),
    );
    await from.close();
    await to.close();
  });
});
