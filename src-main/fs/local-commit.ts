/**
 * Writes a small file that is already complete in memory to the local disk: create the `.part`,
 * write, set the time, close, rename to the final name, all in one dedicated worker thread.
 *
 * Why a worker and not the thread pool: each thread-pool call costs the event loop a hand-off
 * and a wake-up (about 40 µs on a small VM), and a small file needs two of them (create,
 * rename), more than its bytes cost. The worker takes one message per file and does the five
 * system calls in a row. And creates in one folder serialize on the folder's lock anyway: four
 * thread-pool threads creating at once spin on it and burn CPU the transfers need, while one
 * writer creating in turn does not. The event loop never waits for the disk either way.
 */
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FerryError } from '../../src-shared/errors.js';
import { localError } from './local-file-system.js';

/** One file to write. `data` is transferred to the worker: the caller must not use it afterwards. */
interface CommitJob {
  part: string;
  final: string;
  data: ArrayBuffer;
  length: number;
  /** Milliseconds since the epoch, or null to leave the time the write gives. */
  modified: number | null;
}

/** An errno error, as plain data (it crosses a thread boundary). */
interface CommitFailure {
  message: string;
  code?: string;
  syscall?: string;
  path: string;
}

type SyncFs = Pick<
  typeof fs,
  'openSync' | 'writeSync' | 'futimesSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'mkdirSync'
>;

/**
 * `before` is awaited before the file is written, once for all the files that go to the disk
 * together: a journal that must record a file as the queue's own before it exists under its
 * final name writes once per batch rather than once per file (a thread-pool round trip each).
 */
export function commitLocalFile(...args: Parameters<DiskWriter['write']>): Promise<void> {
  return writer.write(...args);
}

/** A buffer that owns its whole memory can be handed to the worker without copying. */
function ownBuffer(data: Buffer): ArrayBuffer {
  if (
    data.byteOffset === 0 &&
    data.byteLength === data.buffer.byteLength &&
    data.buffer instanceof ArrayBuffer
  )
    return data.buffer;
  const copy = new ArrayBuffer(data.length);
  new Uint8Array(copy).set(data);
  return copy;
}

/**
 * The whole commit, synchronously. It runs inside the worker from its source text, so it may use
 * nothing but its parameters (no imports, no helpers of this module, no named inner functions,
 * which a bundler could wrap in helpers of its own).
 */
export function commitSync(
  fsApi: SyncFs,
  parentOf: (path: string) => string,
  job: CommitJob,
): CommitFailure | null {
  let fd = -1;
  let failingPath = job.part;
  try {
    try {
      fd = fsApi.openSync(job.part, 'w');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // A folder deleted since the queue made it is made again, once.
      fsApi.mkdirSync(parentOf(job.part), { recursive: true });
      fd = fsApi.openSync(job.part, 'w');
    }
    const bytes = new Uint8Array(job.data, 0, job.length);
    // A write may take less than asked (a signal, a nearly full disk): go on from where it stopped.
    for (let done = 0; done < job.length;) done += fsApi.writeSync(fd, bytes, done, job.length - done);
    // Before the rename, so a file under its final name always has its final time too.
    if (job.modified !== null) fsApi.futimesSync(fd, job.modified / 1000, job.modified / 1000);
    const open = fd;
    fd = -1;
    fsApi.closeSync(open);
    failingPath = job.final;
    fsApi.renameSync(job.part, job.final);
    return null;
  } catch (error) {
    if (fd >= 0) {
      try {
        fsApi.closeSync(fd);
      } catch {
        // Already failing; the first error is the one worth reporting.
      }
    }
    // A half-written .part of a file held in memory is worth nothing: the retry rewrites it.
    try {
      fsApi.unlinkSync(job.part);
    } catch {
      // Nothing to remove, or the disk refuses: the next attempt overwrites it anyway.
    }
    const errno = error as NodeJS.ErrnoException;
    return { message: errno.message, code: errno.code, syscall: errno.syscall, path: failingPath };
  }
}

type Numbered<T> = T & { id: number };

interface WorkerPort {
  on(event: 'message', listener: (jobs: Numbered<CommitJob>[]) => void): void;
  postMessage(replies: Numbered<{ failure: CommitFailure | null }>[]): void;
}

/** The worker's main loop; like commitSync, it runs from its source text. */
function serveCommits(
  port: WorkerPort,
  fsApi: SyncFs,
  parentOf: (path: string) => string,
  commit: typeof commitSync,
): void {
  port.on('message', (jobs) =>
    port.postMessage(jobs.map((job) => ({ id: job.id, failure: commit(fsApi, parentOf, job) }))),
  );
}

const WORKER_SOURCE = `(${serveCommits.toString()})(
  require('node:worker_threads').parentPort, require('node:fs'), require('node:path').dirname,
  ${commitSync.toString()})`;

/**
 * How long a file may wait for others to share its message. Waking a thread costs about as much
 * as writing a small file, so files go over in batches; nothing waits on the write but the
 * item's own completion (its connection is already back in the pool). A full batch goes at once:
 * the queue lets 16 items finish locally beyond its connections (FINISHING_SLACK), and a batch
 * must never hold all of them back. Measured on the 1,000-file mirror: 10 ms and 16 files cost
 * 5 % less CPU than 3 ms and 32.
 */
const BATCH_DELAY_MS = 10;
const BATCH_MAX = 16;

interface Pending {
  resolve: (failure: CommitFailure | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Owns the worker: started on the first file, kept out of the way of process exit while idle.
 * Should it ever die, the files it held fail retryably and later ones are written on this
 * thread, which is slower under load but loses nothing.
 */
export class DiskWriter {
  private worker: Worker | null = null;
  private broken = false;
  private readonly pending = new Map<number, Pending>();
  private batch: Numbered<CommitJob>[] = [];
  private readonly transfers: ArrayBuffer[] = [];
  /** What the files of the current batch wait for (see commitLocalFile), each called once. */
  private readonly befores = new Set<() => Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private nextId = 0;

  get mode(): 'worker' | 'this-thread' {
    return this.broken ? 'this-thread' : 'worker';
  }

  /**
   * Writes `data` as `partPath`, then renames it to `finalPath`; failures are typed. `before`
   * is awaited first (see commitLocalFile).
   */
  async write(
    partPath: string,
    finalPath: string,
    data: Buffer,
    modified: Date | null,
    before?: () => Promise<void>,
  ): Promise<void> {
    const job = {
      part: partPath,
      final: finalPath,
      data: ownBuffer(data),
      length: data.length,
      modified: modified ? modified.getTime() : null,
    };
    const failure = await this.commit(job, before);
    if (failure) throw localError(Object.assign(new Error(failure.message), failure), failure.path);
  }

  /** Stops the worker; files it held fail retryably, later ones are written on this thread. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private async commit(job: CommitJob, before?: () => Promise<void>): Promise<CommitFailure | null> {
    const worker = this.started();
    if (!worker) {
      await before?.();
      return commitSync(fs, dirname, job);
    }
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.batch.push({ ...job, id });
      this.transfers.push(job.data);
      if (before) this.befores.add(before);
      if (this.batch.length >= BATCH_MAX) this.send();
      else this.timer ??= setTimeout(() => this.send(), BATCH_DELAY_MS);
    });
  }

  private send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0 || !this.worker) return;
    const batch = this.batch;
    const transfers = this.transfers.splice(0);
    const befores = [...this.befores];
    this.batch = [];
    this.befores.clear();
    const post = () => this.worker?.postMessage(batch, transfers);
    if (befores.length === 0) return post();
    Promise.all(befores.map((before) => before())).then(post, (error: unknown) => {
      for (const job of batch) {
        const waiting = this.pending.get(job.id);
        this.pending.delete(job.id);
        waiting?.reject(error);
      }
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  private started(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'ferry-disk-writer' });
      worker.on('message', (replies: Numbered<{ failure: CommitFailure | null }>[]) => {
        for (const reply of replies) {
          const waiting = this.pending.get(reply.id);
          this.pending.delete(reply.id);
          waiting?.resolve(reply.failure);
        }
        if (this.pending.size === 0) worker.unref();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`exited with code ${code}`)));
      worker.unref();
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private fail(cause: unknown): void {
    this.broken = true;
    this.worker = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.batch = [];
    this.transfers.length = 0;
    this.befores.clear();
    const why = cause instanceof Error ? cause.message : String(cause);
    const error = new FerryError('LOCAL_IO', `The disk writer stopped (${why}).`, {
      hint: 'The file is fetched again and written without it.',
      retryable: true,
    });
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

const writer = new DiskWriter();

/** Where commits run: the worker, or this thread after the worker failed (for tests). */
export function diskWriterMode(): 'worker' | 'this-thread' {
  return writer.mode;
}
