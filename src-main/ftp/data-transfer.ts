/**
 * One transfer over a data connection, from the command that starts it to the moment it is
 * complete: BOTH the data stream ended (every byte flushed into the sink, with backpressure)
 * AND the server's final reply (226/250) arrived. Cancelling closes the data connection,
 * sends ABOR and resynchronises the control connection with a NOOP, whichever order the
 * server's 426/226/225 replies come in; a server that does not answer is disconnected.
 */
import { pipeline } from 'node:stream/promises';
import type { Readable, Transform, Writable } from 'node:stream';
import type { Socket as NetSocket } from 'node:net';
import { FerryError } from '../../src-shared/errors.js';
import { isNetworkErrno } from '../core/network-errno.js';
import type { ControlConnection } from './control-connection.js';
import type { DataChannel } from './data-channel.js';
import { DirectReader, type DirectTarget } from './direct-reader.js';
import { replyError } from './reply-error.js';
import type { FtpReply } from './reply-parser.js';

export interface TransferPlan {
  command: string;
  /**
   * Runs once the data connection is set up, right before the command (REST, per RFC 3659's
   * order): a restart point is only ever set for a command that is sent straight after it.
   */
  prepare?: (() => Promise<void>) | undefined;
  action: string;
  direction: 'download' | 'upload';
  /** download: the sink; upload: the source. */
  stream: Writable | Readable;
  transforms: Transform[];
  signal?: AbortSignal | undefined;
  onProgress?: ((bytesSoFar: number) => void) | undefined;
  /** Called when the server accepted the command (1xx): it has the file open from then on. */
  onOpened?: (() => void) | undefined;
  idleTimeoutMs: number;
}

/** Opens the data connection; a download may offer an `onread` for the direct path. */
export type OpenChannel = (direct?: DirectTarget) => Promise<DataChannel>;

/** Errors from before any byte moved: safe to retry in another data-connection mode. */
const setupFailures = new WeakSet<FerryError>();

export function isSetupFailure(error: unknown): boolean {
  return error instanceof FerryError && setupFailures.has(error);
}

/** How long a server gets to answer ABOR (capped by the session's reply timeout). */
const ABORT_REPLY_TIMEOUT_MS = 10_000;

export async function runTransfer(
  control: ControlConnection,
  openChannel: OpenChannel,
  plan: TransferPlan,
): Promise<{ bytes: number; reply: FtpReply }> {
  if (plan.signal?.aborted) throw cancelled();
  // Failed while the transfer waited for its turn (ftp-session.ts whileListening).
  if (plan.stream.errored) throw streamError(plan.stream.errored, plan.direction);
  const reader =
    plan.direction === 'download' && plan.transforms.length === 0
      ? new DirectReader(plan.stream as Writable, plan.onProgress)
      : null;
  const channel = await setup(() => openChannel(reader ?? undefined));
  let first: FtpReply;
  let prepared = false;
  let sent = false;
  try {
    if (plan.prepare) {
      await plan.prepare();
      prepared = true;
    }
    control.send(plan.command);
    sent = true;
    first = await control.nextReply();
  } catch (error) {
    channel.destroy();
    // A restart point the server took (350) applies to its next transfer, whatever file that is.
    if (prepared && !sent && control.alive) await control.request('REST 0').catch(() => undefined);
    throw error;
  }
  if (first.code >= 400) {
    channel.destroy();
    const error = replyError(first, plan.action);
    if (first.code === 425) setupFailures.add(error);
    throw error;
  }
  plan.onOpened?.();
  // The wait for the final reply is armed with the reply timeout once the data is all in.
  const timing = { armed: false };
  const finalReply: Promise<FtpReply> =
    first.code >= 200 ? Promise.resolve(first) : finalAfterPreliminary(control, timing);
  finalReply.catch(() => undefined);

  let socket: NetSocket;
  try {
    socket = await channel.ready;
  } catch (error) {
    channel.destroy();
    await resynchronise(control, finalReply);
    // The local stream failed meanwhile and took the data connection down with it: that is the
    // cause, not the network (which would also switch the session to active mode).
    if (plan.stream.errored) throw streamError(plan.stream.errored, plan.direction);
    if (error instanceof FerryError) setupFailures.add(error);
    throw error;
  }

  let bytes = 0;
  let failure: FerryError | null = null;
  const onAbort = (): void => {
    failure = cancelled();
    socket.destroy();
  };
  plan.signal?.addEventListener('abort', onAbort, { once: true });
  if (plan.signal?.aborted) onAbort();
  const direct = reader !== null && channel.direct;
  // Quiet because this side holds the bytes back (a slow disk, a speed limit that paused the
  // socket for longer than the timeout), not because the server stalled.
  const holdingBack = (): boolean =>
    plan.direction === 'upload' ? socket.writableLength === 0 : direct ? reader.holding : socket.isPaused();
  const onIdle = (): void => {
    if (holdingBack()) {
      socket.setTimeout(plan.idleTimeoutMs);
      return;
    }
    failure = new FerryError('TIMEOUT', `No data moved for ${Math.round(plan.idleTimeoutMs / 1000)} s.`, {
      hint: 'The server or the network stalled; the transfer can be resumed.',
    });
    socket.destroy();
  };
  socket.setTimeout(plan.idleTimeoutMs, onIdle);
  // The control connection closed under the transfer (close(), a reply timeout, the server
  // going away): the data connection goes with it, instead of running on unsupervised.
  finalReply.catch(() => {
    if (control.alive) return;
    failure ??= control.closedError;
    socket.destroy();
  });
  // The socket may carry the session's next transfer (data-socket-slot.ts): leave no listener on it.
  const letGo = (): void => {
    plan.signal?.removeEventListener('abort', onAbort);
    socket.setTimeout(0);
    socket.removeListener('timeout', onIdle);
  };
  if (!direct) {
    const onProgress = plan.onProgress;
    const counted = plan.direction === 'download' ? socket : (plan.stream as Readable);
    counted.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (onProgress) onProgress(bytes);
    });
  }

  try {
    if (direct) {
      await reader.start();
      bytes = reader.total;
    } else if (plan.direction === 'download') {
      await pipeline([socket, ...plan.transforms, plan.stream as Writable]);
    } else {
      await pipeline([plan.stream as Readable, ...plan.transforms, socket]);
    }
    // A socket destroyed after the source ended (idle timeout, cancel) ends an upload's
    // pipeline as if it had finished: the bytes still queued never left.
    if (failure) throw failure;
  } catch (error) {
    letGo();
    channel.destroy();
    if (!control.alive) throw failure ?? control.closedError;
    const negative = await resynchronise(control, finalReply);
    if (failure) throw failure;
    if (negative) throw replyError(negative, plan.action);
    throw streamError(error, plan.direction);
  }
  letGo();
  timing.armed = true;
  control.armReplyTimeout();
  const final = await finalReply;
  if (final.code >= 400) throw replyError(final, plan.action);
  return { bytes, reply: final };
}

/**
 * Reads past every further 1xx to the final reply (servers may send 125 then 150). Once the data
 * is all in, each wait is armed with the reply timeout.
 */
async function finalAfterPreliminary(
  control: ControlConnection,
  timing: { armed: boolean },
): Promise<FtpReply> {
  let reply = await control.nextReply(0);
  while (reply.code < 200) reply = await control.nextReply(timing.armed ? undefined : 0);
  return reply;
}

async function setup<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof FerryError) setupFailures.add(error);
    throw error;
  }
}

/**
 * A server without ABOR answers it 500/502: that is about ABOR, not about the transfer, and must
 * not turn a dropped connection (retryable) into "not implemented" (permanent).
 */
const NOT_UNDERSTOOD = new Set([500, 501, 502, 504]);

/**
 * After a broken or cancelled transfer: ABOR, then NOOP, then read until the NOOP's 200.
 * Whatever 426/226/225 replies come before it are the transfer's and ABOR's answers, in
 * whichever order this server sends them. Returns the first negative one, if any.
 */
async function resynchronise(
  control: ControlConnection,
  pending: Promise<FtpReply>,
): Promise<FtpReply | null> {
  let negative: FtpReply | null = null;
  const timeout = Math.min(ABORT_REPLY_TIMEOUT_MS, control.timeouts.replyMs);
  try {
    control.send('ABOR');
    control.send('NOOP');
    control.armReplyTimeout(timeout);
    let reply = await pending;
    for (;;) {
      if (reply.code >= 400 && !negative && !NOT_UNDERSTOOD.has(reply.code)) negative = reply;
      if (reply.code === 200) break;
      reply = await control.nextReply(timeout);
    }
  } catch {
    // The control connection timed out or closed: it is dead, and the next call reconnects.
  }
  return negative;
}

function cancelled(): FerryError {
  return new FerryError('CANCELLED', 'The transfer was cancelled.', { retryable: false });
}

function streamError(error: unknown, direction: 'download' | 'upload'): FerryError {
  if (error instanceof FerryError) return error;
  const cause = error as NodeJS.ErrnoException;
  // The local end: the file a download opens and writes, or the one an upload opens and reads.
  const localCall = direction === 'download' ? 'write' : 'read';
  const local = !isNetworkErrno(cause) && (cause.syscall === 'open' || cause.syscall === localCall);
  if (cause.code === 'ENOSPC') {
    return new FerryError('DISK_FULL', 'The local disk is full.', {
      cause,
      retryable: false,
      hint: 'Free some space and retry: the part already written is kept and the transfer resumes where it stopped.',
    });
  }
  if (local) {
    return new FerryError('LOCAL_IO', `Local file error: ${cause.message}.`, { cause, retryable: false });
  }
  return new FerryError('CONNECTION_LOST', `The data connection failed: ${cause.message}.`, {
    cause,
    hint: 'The network or the server dropped the transfer; it can be resumed.',
  });
}
