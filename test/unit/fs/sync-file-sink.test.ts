import { randomBytes } from 'node:crypto';
import {
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  writeFileSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import { MAX_WRITE_BYTES, createSyncFileSink } from '../../../src-main/fs/sync-file-sink.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-sync-sink-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeAll(sink: ReturnType<typeof createSyncFileSink>, chunks: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('error', reject);
    for (const chunk of chunks) sink.write(chunk);
    sink.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

describe('createSyncFileSink', () => {
  it('writes every chunk in order and lets go of them (readers may reuse their buffers)', async () => {
    const file = join(dir, 'out.bin');
    const fd = openSync(file, 'w');
    // The last one is larger than one write to the kernel, so it goes in pieces.
    const chunks = [randomBytes(70_000), randomBytes(1), randomBytes(MAX_WRITE_BYTES * 2 + 7)];
    const sink = createSyncFileSink(fd);
    expect((sink as unknown as Record<symbol, unknown>)[RELEASES_CHUNKS]).toBe(true);
    await writeAll(sink, chunks);
    closeSync(fd);
    expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('runs beforeFirstWrite once, before the first byte reaches the file', async () => {
    const file = join(dir, 'first.bin');
    writeFileSync(file, 'old content that must go');
    const fd = openSync(file, 'r+');
    const sizes: number[] = [];
    const sink = createSyncFileSink(fd, undefined, () => {
      sizes.push(readFileSync(file).length);
      ftruncateSync(fd, 0);
    });
    await writeAll(sink, [Buffer.from('new'), Buffer.from(' bytes')]);
    closeSync(fd);
    expect(sizes).toEqual([24]);
    expect(readFileSync(file, 'utf8')).toBe('new bytes');
  });

  it('resumes at a start offset, keeping the bytes before it', async () => {
    const file = join(dir, 'part.bin');
    const head = randomBytes(1000);
    writeFileSync(file, Buffer.concat([head, Buffer.from('stale tail')]));
    const fd = openSync(file, 'r+');
    const tail = randomBytes(5000);
    await writeAll(createSyncFileSink(fd, head.length), [tail.subarray(0, 2000), tail.subarray(2000)]);
    closeSync(fd);
    expect(readFileSync(file).equals(Buffer.concat([head, tail]))).toBe(true);
  });

  it('reports a failed write as an error event, with the system call and code', async () => {
    const file = join(dir, 'read-only.bin');
    writeFileSync(file, '');
    const fd = openSync(file, 'r');
    const error = await writeAll(createSyncFileSink(fd), [Buffer.from('x')]).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    closeSync(fd);
    expect(error?.code).toBe('EBADF');
    expect(error?.syscall).toBe('write');
  });
});
