/**
 * The one stage every transferred byte passes through between source and target: it counts
 * (progress), hashes (verification without a second read) and paces (speed limit).
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { HashAlgorithm } from '../fs/remote-file-system.js';
import type { TokenBucket } from './token-bucket.js';

/** Streaming digest with one interface for crypto hashes and CRC-32. */
export class StreamingDigest {
  private readonly hash: Hash | null;
  private crc = 0;

  constructor(readonly algorithm: HashAlgorithm) {
    this.hash = algorithm === 'crc32' ? null : createHash(algorithm);
  }

  update(chunk: Buffer): void {
    if (this.hash) this.hash.update(chunk);
    else this.crc = crc32(chunk, this.crc);
  }

  hex(): string {
    return this.hash ? this.hash.digest('hex') : this.crc.toString(16).padStart(8, '0');
  }
}

/** How many line feeds (LF) the first `end` bytes of `buffer` hold. */
export function countLineFeeds(buffer: Buffer, end: number): number {
  let count = 0;
  for (let at = buffer.indexOf(10); at >= 0 && at < end; at = buffer.indexOf(10, at + 1)) count++;
  return count;
}

export class TransferTap extends Transform {
  /** Bytes that passed through, read by the progress timer (no callback per chunk). */
  bytes = 0;
  /** Line feeds that passed through, counted for text transfers only (see file-transfer.ts). */
  lineFeeds = 0;

  constructor(
    private readonly digest: StreamingDigest | null,
    private readonly bucket: TokenBucket | null,
    private readonly countLines = false,
  ) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.countLines) this.lineFeeds += countLineFeeds(chunk, chunk.length);
    this.digest?.update(chunk);
    const bucket = this.bucket;
    const wait = bucket ? bucket.take(chunk.length) : 0;
    if (!bucket || wait <= 0) callback(null, chunk);
    else bucket.wait(wait, () => callback(null, chunk));
  }
}
