/**
 * Writes a Readable to one open SFTP handle with many WRITE requests in flight. Incoming
 * chunks are regrouped into requests of the server's maximum write size through one staging
 * buffer: ssh2 copies a request into its packet before write() returns, so the buffer is
 * reused at once and the hot path allocates nothing of its own.
 */
import type { Readable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { FerryError } from '../../src-shared/errors.js';
import type { PipelineLimits } from './pipelined-download.js';
import { connectionLost, mapSftpError } from './sftp-errors.js';

export interface UploadJob {
  sftp: SFTPWrapper;
  handle: Buffer;
  path: string;
  /** Where in the remote file the first byte goes. */
  start: number;
  source: Readable;
  limits: PipelineLimits;
  signal?: AbortSignal;
  onProgress?: (bytesSoFar: number) => void;
}

/** Resolves with the bytes the server acknowledged, after every request has been answered. */
export async function pipelinedUpload(job: UploadJob): Promise<number> {
  const { sftp, handle, source, limits, signal, onProgress } = job;
  const stage = Buffer.allocUnsafe(limits.chunkSize);
  let stageFill = 0;
  let position = job.start;
  let acknowledged = 0;
  let inFlight = 0;
  let firstError: FerryError | null = null;
  let wake: (() => void) | null = null;

  const onWriteDone = (error: Error | null | undefined, length: number): void => {
    inFlight -= 1;
    if (error) firstError ??= mapSftpError(error, 'Write', job.path);
    else {
      acknowledged += length;
      onProgress?.(acknowledged);
    }
    const waiter = wake;
    wake = null;
    waiter?.();
  };
  const waitForSlot = async (limit: number): Promise<void> => {
    while (inFlight > limit && firstError === null) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  const send = async (data: Buffer, offset: number, length: number): Promise<void> => {
    await waitForSlot(limits.maxInFlight - 1);
    if (firstError) throw firstError;
    inFlight += 1;
    sftp.write(handle, data, offset, length, position, (error) => onWriteDone(error, length));
    position += length;
  };
  const stop = (error: FerryError): void => {
    firstError ??= error;
    const waiter = wake;
    wake = null;
    waiter?.();
  };
  const onAbort = (): void =>
    stop(new FerryError('CANCELLED', `Upload of ${job.path} cancelled`, { retryable: false }));
  // ssh2 drops requests sent on a closed channel without ever answering them: stop here.
  let channelClosed = false;
  const onChannelClose = (): void => {
    channelClosed = true;
    stop(connectionLost(`The SFTP channel closed while uploading ${job.path}`));
  };

  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  sftp.once('close', onChannelClose);
  try {
    for await (const raw of source) {
      if (firstError) break;
      const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
      let used = 0;
      // Whole requests straight from the source chunk when nothing is staged.
      while (stageFill === 0 && chunk.length - used >= limits.chunkSize) {
        await send(chunk, used, limits.chunkSize);
        used += limits.chunkSize;
      }
      while (used < chunk.length) {
        const take = Math.min(limits.chunkSize - stageFill, chunk.length - used);
        chunk.copy(stage, stageFill, used, used + take);
        stageFill += take;
        used += take;
        if (stageFill === limits.chunkSize) {
          await send(stage, 0, stageFill);
          stageFill = 0;
        }
      }
    }
    if (stageFill > 0 && !firstError) await send(stage, 0, stageFill);
  } catch (error) {
    if (!(error instanceof FerryError)) {
      const message = error instanceof Error ? error.message : String(error);
      firstError ??= new FerryError(
        'LOCAL_IO',
        `Cannot read the file being uploaded to ${job.path}: ${message}`,
        {
          hint: 'Check that the local file is readable and was not removed.',
          cause: error,
        },
      );
    }
  }
  // Every request must be answered before the handle closes, even after a failure
  // (ssh2 fails the outstanding ones itself when the channel closes).
  await waitUntilIdle();
  signal?.removeEventListener('abort', onAbort);
  sftp.removeListener('close', onChannelClose);
  if (firstError) throw firstError;
  return acknowledged;

  async function waitUntilIdle(): Promise<void> {
    while (inFlight > 0 && !channelClosed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
}
