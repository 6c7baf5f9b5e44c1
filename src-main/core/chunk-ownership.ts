/**
 * Who owns a chunk after `sink.write(chunk, callback)` has called back. Most Writables let go,
 * but some keep what they were given (a collecting sink, a PassThrough whose reader has not read
 * yet), so a reader may only refill the same buffer for sinks known to let go: fs.WriteStream,
 * and sinks marked with RELEASES_CHUNKS. Reusing buffers spares the allocation and the garbage
 * collection of every chunk, which at hundreds of MiB/s is a large part of the CPU.
 */
import { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Set to true on a Writable that never touches a chunk after calling back (e.g. a hasher). */
export const RELEASES_CHUNKS = Symbol.for('ferry.releasesChunks');

/** Marks a sink that takes each read directly (see ReadTaker). */
export const TAKES_READS = Symbol.for('ferry.takesReads');

/**
 * A sink that copies what it keeps of each read synchronously and needs no end(): a reader
 * then skips the Writable machinery per read and per file (a write, its callback, end, finish)
 * and reuses one read buffer. It stays a Writable for readers that do not know it.
 */
export interface ReadTaker {
  readonly [TAKES_READS]: true;
  /** Keeps `bytes` bytes of `buffer` (copying them); an error stops the transfer. */
  take(buffer: Buffer, bytes: number): Error | null;
  /** Every byte is in: the sender ended the transfer after it was accepted. */
  complete(): void;
}

export function takerOf(sink: Writable): ReadTaker | null {
  return (sink as Writable & Partial<ReadTaker>)[TAKES_READS] === true
    ? (sink as Writable & ReadTaker)
    : null;
}

export function releasesChunks(sink: Writable): boolean {
  return (
    sink instanceof WriteStream ||
    (sink as Writable & { [RELEASES_CHUNKS]?: boolean })[RELEASES_CHUNKS] === true
  );
}
