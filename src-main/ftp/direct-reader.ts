/**
 * The fast path for plain binary downloads: the socket reads straight into 1 MiB buffers
 * (Node's `onread`) instead of 64 KiB stream chunks with a new Buffer each, which halves the
 * CPU per byte on loopback, where Ferry must keep up with curl.
 *
 * Buffers are only reused for sinks that let go of a chunk once they call back (see
 * chunk-ownership.ts). There the backpressure is the buffer count: when every buffer is in the
 * sink, the socket pauses until one comes back. Other sinks get an exact-size copy of each read
 * and the usual write()/'drain' backpressure.
 */
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { releasesChunks, takerOf, type ReadTaker } from '../core/chunk-ownership.js';
import type { DataSocketUser, OnRead } from './data-socket-slot.js';

const BUFFER_SIZE = 1024 * 1024;
const BUFFERS_PER_TRANSFER = 4;
/** Idle buffers kept between transfers, so small files do not churn 4 MiB each. */
const spare: Buffer[] = [];
const MAX_SPARE = 16;

/**
 * What a data channel needs to read a plain socket directly. Until `start`, what the socket
 * reports is only recorded: a transfer refused with 425/550 must leave the sink intact for a
 * retry. The socket is given as soon as it exists, so no event can be missed (a small file may
 * arrive and end before the server's 150 has been read).
 */
export interface DirectTarget extends Omit<DataSocketUser, 'connected'> {
  attach(socket: Socket): void;
}

export class DirectReader implements DirectTarget {
  private readonly free: Buffer[] = [];
  /** Every buffer this reader took, including the one Node holds for its next read. */
  private readonly owned: Buffer[] = [];
  private inFlight = 0;
  private paused = false;
  private socket: Socket | null = null;
  private bytes = 0;
  private atEnd = false;
  private settled = false;
  private started = false;
  private early: unknown = null;
  private resolveDone: () => void = () => undefined;
  private rejectDone: (error: unknown) => void = () => undefined;
  readonly done: Promise<void>;

  private readonly reuse: boolean;
  private readonly taker: ReadTaker | null;

  constructor(
    private readonly sink: Writable,
    private readonly onProgress: ((bytes: number) => void) | undefined,
  ) {
    this.taker = takerOf(sink);
    this.reuse = this.taker === null && releasesChunks(sink);
    const count = this.reuse ? BUFFERS_PER_TRANSFER : 1;
    for (let i = 0; i < count; i++) this.free.push(spare.pop() ?? Buffer.allocUnsafe(BUFFER_SIZE));
    this.owned.push(...this.free);
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
    // From the start, not from start(): a sink can fail before the transfer is accepted (a file
    // that cannot be opened), and an 'error' nobody listens to would end the process.
    this.sink.on('error', (error) => {
      if (!this.settled) this.socket?.destroy();
      this.fail(error);
    });
  }

  get total(): number {
    return this.bytes;
  }

  /** True while the socket waits for the sink to give buffers back (or to drain). */
  get holding(): boolean {
    return this.paused;
  }

  /** Node calls `buffer` once up front and again after every read, even while paused. */
  readonly onread: OnRead = {
    buffer: () => (this.reuse ? this.freeBuffer() : (this.free[0] as Buffer)),
    callback: (bytes: number, buffer: Buffer): boolean => {
      if (this.taker) return this.handOver(this.taker, bytes, buffer);
      if (!this.reuse) return this.copyOut(bytes, buffer);
      this.bytes += bytes;
      this.inFlight++;
      this.sink.write(buffer.subarray(0, bytes), this.written(buffer));
      if (this.onProgress) this.onProgress(this.bytes);
      // Keep one free buffer for the `buffer()` call that follows; pause when none would be left.
      if (this.free.length > 1) return true;
      this.paused = true;
      return false;
    },
  };

  /**
   * The pause in `callback` keeps one buffer free for this call. Should a read come while
   * paused all the same, a new buffer it is: handing Node a buffer the sink still holds would
   * overwrite bytes not yet written.
   */
  private freeBuffer(): Buffer {
    const buffer = this.free.pop();
    if (buffer) return buffer;
    const extra = Buffer.allocUnsafe(BUFFER_SIZE);
    this.owned.push(extra);
    return extra;
  }

  private handOver(taker: ReadTaker, bytes: number, buffer: Buffer): boolean {
    this.bytes += bytes;
    const refused = taker.take(buffer, bytes);
    if (refused) {
      this.fail(refused);
      this.socket?.destroy();
      return false;
    }
    if (this.onProgress) this.onProgress(this.bytes);
    return true;
  }

  private copyOut(bytes: number, buffer: Buffer): boolean {
    this.bytes += bytes;
    const chunk = Buffer.allocUnsafe(bytes);
    buffer.copy(chunk, 0, 0, bytes);
    this.inFlight++;
    const more = this.sink.write(chunk, this.released);
    if (this.onProgress) this.onProgress(this.bytes);
    if (more) return true;
    this.paused = true;
    this.sink.once('drain', this.resume);
    return false;
  }

  private readonly released = (): void => {
    this.inFlight--;
    this.maybeFinish();
  };

  private readonly resume = (): void => {
    if (!this.paused || this.settled) return;
    this.paused = false;
    this.socket?.resume();
  };

  attach(socket: Socket): void {
    this.socket = socket;
  }

  ended(): void {
    this.atEnd = true;
    // The server sent the whole file; closing now (the socket is half-open) spares the separate
    // shutdown and its round through the event loop, per file.
    this.socket?.destroy();
    if (this.started) this.maybeFinish();
  }

  failed(error: Error): void {
    this.fail(error);
  }

  closed(): void {
    // Once closed, the socket may carry the session's next transfer (data-socket-slot.ts):
    // nothing of this one may touch it again, such as a late write callback of a transfer the
    // server refused after sending bytes, which would resume a socket the next one paused.
    this.socket = null;
    if (!this.atEnd) this.fail(new Error('The data connection closed before the end of the file.'));
  }

  /** The transfer was accepted: from now on the socket's end finishes the sink and failures fail it. */
  start(): Promise<void> {
    this.started = true;
    if (this.early !== null) this.fail(this.early);
    else this.maybeFinish();
    return this.done;
  }

  private written(buffer: Buffer): (error?: Error | null) => void {
    return (error) => {
      this.inFlight--;
      this.free.push(buffer);
      if (error) return;
      if (this.paused && !this.settled) {
        this.paused = false;
        this.socket?.resume();
      }
      this.maybeFinish();
    };
  }

  private maybeFinish(): void {
    if (!this.started || !this.atEnd || this.inFlight > 0 || this.settled) return;
    if (this.taker) {
      this.taker.complete();
      this.settle();
      this.resolveDone();
      return;
    }
    this.sink.end((error?: Error | null) => {
      if (error) {
        this.fail(error);
        return;
      }
      this.settle();
      this.resolveDone();
    });
  }

  private fail(error: unknown): void {
    if (!this.started) {
      this.early ??= error;
      return;
    }
    if (this.settled) return;
    this.settle();
    this.sink.destroy(error instanceof Error ? error : undefined);
    this.rejectDone(error);
  }

  private settle(): void {
    this.settled = true;
    // Buffers still in the sink are dropped, not recycled: the sink may yet read them. Otherwise
    // all come back, the one Node was holding for its next read included (the socket is done);
    // missing that one cost a fresh megabyte per small file.
    // In copy mode the one read buffer never left this object.
    if (!this.reuse || this.inFlight === 0) {
      for (const buffer of this.owned) if (spare.length < MAX_SPARE) spare.push(buffer);
    }
  }
}
