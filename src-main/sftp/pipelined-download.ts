/**
 * Reads one open SFTP handle with many READ requests in flight and writes the bytes to a
 * sink strictly in order. ssh2's fastGet treats a short read as the end of a chunk and has
 * corrupted files that way; here a short read re-requests the remainder of its own slot,
 * and only a zero-byte reply (SSH_FX_EOF) ends the file.
 */
import type { Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { FerryError } from '../../src-shared/errors.js';
import { releasesChunks } from '../core/chunk-ownership.js';
import { connectionLost, mapSftpError } from './sftp-errors.js';

export interface PipelineLimits {
  /** Bytes per request: at most what the server's limits@openssh.com allows. */
  chunkSize: number;
  /** Requests outstanding at once. */
  maxInFlight: number;
}

export interface DownloadJob {
  sftp: SFTPWrapper;
  handle: Buffer;
  path: string;
  /** First byte to read. */
  start: number;
  /** File size when opened: reads are issued up to here, then one probe confirms EOF. */
  knownSize: number;
  sink: Writable;
  limits: PipelineLimits;
  signal?: AbortSignal;
  onProgress?: (bytesSoFar: number) => void;
}

interface ReadSlot {
  offset: number;
  length: number;
  buffer: Buffer;
  filled: number;
  done: boolean;
  eof: boolean;
}

/** Resolves with the bytes written to the sink once the sink has accepted the last of them. */
export function pipelinedDownload(job: DownloadJob): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const { sftp, handle, sink, limits, signal, onProgress } = job;
    const slots: ReadSlot[] = [];
    let nextOffset = job.start;
    let knownEnd = Math.max(job.knownSize, job.start);
    let reachedEof = false;
    let finished = false;
    // Backpressure by the sink's buffered bytes, not its 'drain' event: 'drain' only fires
    // once the buffer is empty, which would let the pipeline run dry before every refill.
    const sinkLimit = limits.chunkSize * limits.maxInFlight;
    let written = 0;
    let writesPending = 0;
    // A sink that lets go of its chunks gets the same full-size buffers back, in write order,
    // instead of a fresh 256 KiB buffer per request for the garbage collector to reclaim.
    const reuse = releasesChunks(sink);
    const spare: Buffer[] = [];
    const inSink: Buffer[] = [];

    const cleanup = (): void => {
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      sink.removeListener('error', onSinkError);
      sftp.removeListener('close', onChannelClose);
    };
    const fail = (error: FerryError): void => {
      if (finished) return;
      cleanup();
      reject(error);
    };
    const maybeResolve = (): void => {
      if (finished || !reachedEof || slots.length > 0 || writesPending > 0) return;
      cleanup();
      resolve(written);
    };
    const onWritten = (error?: Error | null): void => {
      writesPending -= 1;
      // A Writable calls back in the order of its writes: this is the oldest buffer it held.
      const returned = inSink.shift();
      if (error) return; // reported through the sink's 'error' event
      if (returned && returned.length === limits.chunkSize) spare.push(returned);
      maybeResolve();
      issue();
    };
    function onAbort(): void {
      fail(new FerryError('CANCELLED', `Download of ${job.path} cancelled`, { retryable: false }));
    }
    function onSinkError(error: Error): void {
      fail(
        new FerryError('LOCAL_IO', `Cannot write the download of ${job.path}: ${error.message}`, {
          hint: 'Check free space and permissions where the file is being saved.',
          cause: error,
        }),
      );
    }
    // ssh2 drops requests sent on a closed channel without ever answering them: stop here.
    function onChannelClose(): void {
      fail(connectionLost(`The SFTP channel closed while downloading ${job.path}`));
    }

    const flush = (): void => {
      while (slots.length > 0) {
        const head = slots[0];
        if (head === undefined || !head.done) break;
        slots.shift();
        if (head.filled > 0) {
          writesPending += 1;
          if (reuse) inSink.push(head.buffer);
          written += head.filled;
          const data =
            head.filled === head.buffer.length ? head.buffer : head.buffer.subarray(0, head.filled);
          sink.write(data, onWritten);
          onProgress?.(written);
        }
        if (head.eof) {
          // Everything after the first EOF is past the end of the file: drop it.
          reachedEof = true;
          slots.length = 0;
        }
      }
      maybeResolve();
    };

    const sendRead = (slot: ReadSlot): void => {
      sftp.read(
        handle,
        slot.buffer,
        slot.filled,
        slot.length - slot.filled,
        slot.offset + slot.filled,
        (error, bytes) => {
          if (finished) return;
          if (error) {
            fail(mapSftpError(error, 'Read', job.path));
            return;
          }
          if (bytes === 0) {
            slot.eof = true;
            slot.done = true;
          } else {
            slot.filled += bytes;
            if (slot.filled < slot.length) {
              // A short read is not EOF (draft-ietf-secsh-filexfer-02 §6.4): ask for the rest.
              sendRead(slot);
              return;
            }
            slot.done = true;
            // The file grew past its size at open: keep probing until a real EOF.
            if (slot.offset + slot.length > knownEnd) knownEnd = slot.offset + slot.length;
          }
          flush();
          issue();
        },
      );
    };

    function issue(): void {
      while (
        !finished &&
        !reachedEof &&
        slots.length < limits.maxInFlight &&
        sink.writableLength < sinkLimit
      ) {
        // Past the known size only one probe at a time: its EOF ends the transfer.
        if (nextOffset >= knownEnd && slots.some((slot) => slot.offset >= knownEnd)) return;
        const length =
          nextOffset < knownEnd ? Math.min(limits.chunkSize, knownEnd - nextOffset) : limits.chunkSize;
        const slot: ReadSlot = {
          offset: nextOffset,
          length,
          buffer: (length === limits.chunkSize && spare.pop()) || Buffer.allocUnsafe(length),
          filled: 0,
          done: false,
          eof: false,
        };
        nextOffset += length;
        slots.push(slot);
        sendRead(slot);
      }
    }

    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    sink.on('error', onSinkError);
    sftp.once('close', onChannelClose);
    issue();
  });
}
