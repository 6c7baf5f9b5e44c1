/**
 * The pipeline's bookkeeping against a fake SFTP that answers out of order and returns
 * short reads at random: real OpenSSH rarely does either on loopback, other servers do.
 * The integration tests cover the same code against a real sshd.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import { pipelinedDownload } from '../../../src-main/sftp/pipelined-download.js';
import { pipelinedUpload } from '../../../src-main/sftp/pipelined-upload.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

type ReadCallback = (error: Error | undefined, bytes: number) => void;
type WriteCallback = (error: Error | undefined) => void;

/** Queues callbacks and fires them in shuffled batches, like a server with several workers. */
class FakeSftp extends EventEmitter {
  readonly file: Buffer;
  readonly random: () => number;
  shortReads = 0;
  maxOutstanding = 0;
  private pending: (() => void)[] = [];
  private scheduled = false;
  failAt: number | null = null;

  constructor(file: Buffer, seed: number) {
    super();
    this.file = file;
    this.random = lcg(seed);
  }

  read(
    _handle: Buffer,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    cb: ReadCallback,
  ): void {
    this.enqueue(() => {
      if (this.failAt !== null && position >= this.failAt) {
        cb(Object.assign(new Error('Permission denied'), { code: 3 }), 0);
        return;
      }
      const available = Math.max(0, Math.min(length, this.file.length - position));
      // Short reads at random: anything from 1 byte to what was asked.
      const give =
        available > 1 && this.random() < 0.3 ? 1 + Math.floor(this.random() * (available - 1)) : available;
      if (give < available) this.shortReads += 1;
      if (give > 0) this.file.copy(buffer, offset, position, position + give);
      cb(undefined, give);
    });
  }

  write(
    _handle: Buffer,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    cb: WriteCallback,
  ): void {
    // ssh2 copies the data into its packet before write() returns: so does the fake.
    const copy = Buffer.from(buffer.subarray(offset, offset + length));
    this.enqueue(() => {
      copy.copy(this.file, position);
      cb(undefined);
    });
  }

  /** Like ssh2 after its channel closed: requests vanish, never answered. */
  closed = false;

  close(): void {
    this.closed = true;
    this.pending = [];
    this.emit('close');
  }

  private enqueue(task: () => void): void {
    if (this.closed) return;
    this.pending.push(task);
    this.maxOutstanding = Math.max(this.maxOutstanding, this.pending.length);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = [];
      for (let i = batch.length - 1; i > 0; i -= 1) {
        const j = Math.floor(this.random() * (i + 1));
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
      for (const task of batch) task();
    });
  }

  get asSftp(): SFTPWrapper {
    return this as unknown as SFTPWrapper;
  }
}

function collect(): { sink: Writable; result: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  return { sink, result: () => Buffer.concat(chunks) };
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const limits = { chunkSize: 4096, maxInFlight: 16 };
const handle = Buffer.from('h');
/** The whole fake file, from byte 0, with its size known at open. */
const downloadAll = (fake: FakeSftp, sink: Writable): Promise<number> =>
  pipelinedDownload({
    sftp: fake.asSftp,
    handle,
    path: '/f',
    start: 0,
    knownSize: fake.file.length,
    sink,
    limits,
  });

describe('pipelinedDownload', () => {
  it.each([
    { size: 0, start: 0, seed: 1 },
    { size: 1, start: 0, seed: 2 },
    { size: 4096, start: 0, seed: 3 },
    { size: 4097, start: 0, seed: 4 },
    { size: 300_000, start: 0, seed: 5 },
    { size: 300_000, start: 123_457, seed: 6 },
    { size: 300_000, start: 300_000, seed: 7 },
  ])(
    'writes $size bytes from $start in order despite short and reordered reads',
    async ({ size, start, seed }) => {
      const file = randomBytes(size);
      const fake = new FakeSftp(file, seed);
      const { sink, result } = collect();
      let progress = 0;
      const bytes = await pipelinedDownload({
        sftp: fake.asSftp,
        handle,
        path: '/f',
        start,
        knownSize: size,
        sink,
        limits,
        onProgress: (n) => (progress = n),
      });
      expect(bytes).toBe(size - start);
      expect(progress).toBe(size - start);
      expect(sha(result())).toBe(sha(file.subarray(start)));
      if (size - start > 100_000) expect(fake.shortReads).toBeGreaterThan(0);
      expect(fake.maxOutstanding).toBeLessThanOrEqual(limits.maxInFlight);
    },
  );

  it('reads on past the size known at open when the file has grown', async () => {
    const file = randomBytes(50_000);
    const fake = new FakeSftp(file, 8);
    const { sink, result } = collect();
    const bytes = await pipelinedDownload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start: 0,
      knownSize: 20_000,
      sink,
      limits,
    });
    expect(bytes).toBe(50_000);
    expect(result().equals(file)).toBe(true);
  });

  it('stops at an early EOF when the file shrank', async () => {
    const file = randomBytes(10_000);
    const fake = new FakeSftp(file, 9);
    const { sink, result } = collect();
    const bytes = await pipelinedDownload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start: 0,
      knownSize: 40_000,
      sink,
      limits,
    });
    expect(bytes).toBe(10_000);
    expect(result().equals(file)).toBe(true);
  });

  it('fails typed on a server error', async () => {
    const fake = new FakeSftp(randomBytes(100_000), 10);
    fake.failAt = 50_000;
    const { sink } = collect();
    const error = await pipelinedDownload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start: 0,
      knownSize: 100_000,
      sink,
      limits,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).toBe('PERMISSION_DENIED');
  });

  it('honours the sink backpressure and an abort', async () => {
    const fake = new FakeSftp(randomBytes(1_000_000), 11);
    const sink = new PassThrough({ highWaterMark: 8192 }); // never read: fills up at once
    const controller = new AbortController();
    const running = pipelinedDownload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start: 0,
      knownSize: 1_000_000,
      sink,
      limits,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sink.writableLength).toBeLessThanOrEqual(limits.chunkSize * limits.maxInFlight * 2);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('fails as CONNECTION_LOST when the channel closes under it', async () => {
    const fake = new FakeSftp(randomBytes(1_000_000), 14);
    const sink = new PassThrough({ highWaterMark: 8192 });
    const running = pipelinedDownload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start: 0,
      knownSize: 1_000_000,
      sink,
      limits,
    });
    setTimeout(() => fake.close(), 10);
    await expect(running).rejects.toMatchObject({ code: 'CONNECTION_LOST', retryable: true });
  });

  it('refills the same buffers for a sink that lets go of its chunks, and the bytes stay right', async () => {
    const file = randomBytes(300_000);
    const fake = new FakeSftp(file, 12);
    const hash = createHash('sha256');
    const seen = new Set<ArrayBufferLike>();
    let chunks = 0;
    const sink = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          seen.add(chunk.buffer);
          chunks += 1;
          setImmediate(callback);
        },
      }),
      { [RELEASES_CHUNKS]: true },
    );
    const bytes = await downloadAll(fake, sink);
    expect(bytes).toBe(file.length);
    expect(hash.digest('hex')).toBe(sha(file));
    // Without reuse every chunk would bring a buffer of its own.
    expect(chunks).toBeGreaterThan(70);
    expect(seen.size).toBeLessThanOrEqual(2 * limits.maxInFlight + 1);
  });

  it('writes an fs.WriteStream exactly, reusing its buffers', async () => {
    const file = randomBytes(500_000);
    const fake = new FakeSftp(file, 13);
    const dir = await mkdtemp(join(tmpdir(), 'ferry-pipeline-'));
    try {
      const target = join(dir, 'out.bin');
      const sink = createWriteStream(target);
      const bytes = await downloadAll(fake, sink);
      await new Promise<void>((resolve, reject) =>
        sink.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      expect(bytes).toBe(file.length);
      expect(sha(await readFile(target))).toBe(sha(file));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pipelinedUpload', () => {
  it('fails as CONNECTION_LOST when the channel closes under it', async () => {
    const fake = new FakeSftp(Buffer.alloc(10_000_000), 15);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 2500; i += 1) yield Buffer.alloc(4000, 1);
      })(),
    );
    setTimeout(() => fake.close(), 10);
    await expect(
      pipelinedUpload({ sftp: fake.asSftp, handle, path: '/f', start: 0, source, limits }),
    ).rejects.toMatchObject({
      code: 'CONNECTION_LOST',
    });
  });

  it.each([
    { size: 0, chunk: 1000, start: 0 },
    { size: 1, chunk: 1000, start: 0 },
    { size: 30_000, chunk: 1, start: 0 },
    { size: 300_000, chunk: 777, start: 0 },
    { size: 300_000, chunk: 65_536, start: 0 },
    { size: 300_000, chunk: 65_536, start: 100_000 },
  ])('writes $size bytes in $chunk-byte source chunks at their offsets', async ({ size, chunk, start }) => {
    const data = randomBytes(size);
    const remote = Buffer.alloc(start + size);
    const fake = new FakeSftp(remote, 12);
    const parts: Buffer[] = [];
    for (let i = 0; i < size; i += chunk) parts.push(data.subarray(i, i + chunk));
    const bytes = await pipelinedUpload({
      sftp: fake.asSftp,
      handle,
      path: '/f',
      start,
      source: Readable.from(parts),
      limits,
    });
    expect(bytes).toBe(size);
    expect(sha(remote.subarray(start))).toBe(sha(data));
    expect(fake.maxOutstanding).toBeLessThanOrEqual(limits.maxInFlight);
  });

  it('stops on abort and waits for the requests already sent', async () => {
    const remote = Buffer.alloc(10_000_000);
    const fake = new FakeSftp(remote, 13);
    const controller = new AbortController();
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 2500; i += 1) yield Buffer.alloc(4000, 1);
      })(),
    );
    setTimeout(() => controller.abort(), 20);
    await expect(
      pipelinedUpload({
        sftp: fake.asSftp,
        handle,
        path: '/f',
        start: 0,
        source,
        limits,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
