/**
 * The sink of the small-file path: keeps a download's bytes in memory (bounded by the size the
 * listing announced), counting and hashing them as they arrive, so a small file needs no
 * stream pipeline and no file handle until it is complete and verified.
 */
import { Writable } from 'node:stream';
import { FerryError } from '../../src-shared/errors.js';
import { TAKES_READS, type ReadTaker } from '../core/chunk-ownership.js';
import { countLineFeeds, type StreamingDigest } from './transfer-tap.js';

/**
 * Files up to this size take the small-file path. Large enough for the files of a typical
 * source tree or website; small enough that the files in flight (a few transferring, up to
 * sixteen waiting for the disk writer) hold a few megabytes at most.
 */
export const SMALL_FILE_BYTES = 256 * 1024;

export class CollectingSink extends Writable implements ReadTaker {
  /** Bytes received so far, read by the queue's progress timer. */
  bytes = 0;
  /** One buffer of the listed size that owns its memory: the disk writer takes it without a copy. */
  private readonly held: Buffer;
  /** Line feeds received, counted for text transfers only (see file-transfer.ts). */
  lineFeeds = 0;
  /** Set when a direct reader handed over every read: the sink needs no end() then. */
  completed = false;
  declare readonly [TAKES_READS]: true;

  constructor(
    private readonly digest: StreamingDigest | null,
    private readonly limit: number,
    private readonly countLines = false,
  ) {
    super({ highWaterMark: SMALL_FILE_BYTES });
    this.held = Buffer.allocUnsafeSlow(limit);
  }

  /** What arrived; hand it over only once the transfer is complete. */
  get data(): Buffer {
    return this.held.subarray(0, this.bytes);
  }

  take(buffer: Buffer, bytes: number): Error | null {
    if (this.bytes + bytes > this.limit) {
      // The file grew after it was listed: refuse to hold it, the retry streams it to disk.
      return new FerryError(
        'VERIFY_FAILED',
        `The file is larger than the ${this.limit} bytes it was listed with.`,
        {
          hint: 'It changed on the server during the transfer; it is retried.',
          retryable: true,
        },
      );
    }
    buffer.copy(this.held, this.bytes, 0, bytes);
    if (this.countLines) this.lineFeeds += countLineFeeds(buffer, bytes);
    this.digest?.update(bytes === buffer.length ? buffer : buffer.subarray(0, bytes));
    this.bytes += bytes;
    return null;
  }

  complete(): void {
    this.completed = true;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    callback(this.take(chunk, chunk.length));
  }
}

// On the prototype, not per instance: a computed class field is defined on every new sink.
Object.defineProperty(CollectingSink.prototype, TAKES_READS, { value: true });
