/**
 * A Writable that writes each chunk into an open file at once, on the calling thread. For a
 * process that does nothing but one transfer (the CLI): a chunk written the moment it arrived
 * is still in the CPU's cache, and no thread hand-off is paid per chunk. It holds the event loop
 * while the kernel takes each chunk, so the app, which has windows to answer, keeps
 * fs.WriteStream.
 *
 * Writes go to the kernel in pieces of at most 256 KiB. Larger writes were fast or very slow
 * by turns (1 GiB to a file here: 0.54 s in one run, 2.0 s in the next, with three times the
 * CPU), as the page cache found large blocks of free memory or not; in 256 KiB pieces they
 * took 0.62–0.81 s every time (64 KiB: 0.75–0.91 s; curl 1.22–1.33 s, lftp 0.98–1.01 s).
 *
 * The caller owns the file and closes it after the transfer. Every chunk is let go once written,
 * so readers may refill their buffers (RELEASES_CHUNKS).
 */
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { RELEASES_CHUNKS } from '../core/chunk-ownership.js';

export const MAX_WRITE_BYTES = 256 * 1024;

/**
 * `start` writes from that byte on (resuming); without it the file's own offset is used, which
 * a pipe or a device needs (they refuse positioned writes). `beforeFirstWrite` runs once, just
 * before the first byte is written (the caller empties the file there: bytes can arrive before
 * the server's "opening" reply is read).
 */
export function createSyncFileSink(fd: number, start?: number, beforeFirstWrite?: () => void): Writable {
  let position = start ?? null;
  let first = beforeFirstWrite;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        if (first) {
          first();
          first = undefined;
        }
        // Short writes (a signal, a quota, a pipe) simply continue with the rest.
        for (let done = 0; done < chunk.length;) {
          const length = Math.min(MAX_WRITE_BYTES, chunk.length - done);
          done += writeSync(fd, chunk, done, length, position === null ? null : position + done);
        }
        if (position !== null) position += chunk.length;
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  return Object.assign(sink, { [RELEASES_CHUNKS]: true });
}
