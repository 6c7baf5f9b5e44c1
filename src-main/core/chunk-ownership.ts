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

export function releasesChunks(sink: Writable): boolean {
  return (
    sink instanceof WriteStream ||
    (sink as Writable & { [RELEASES_CHUNKS]?: boolean })[RELEASES_CHUNKS] === true
  );
}
