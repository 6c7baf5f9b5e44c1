/**
 * Moves one file between two file systems: overwrite decision, resume offset, the streaming
 * pipeline (source → tap → target), verification and the modification time. Downloads to the
 * local disk go through `<target>.part`, so a half file never carries the final name.
 */
import { createReadStream } from 'node:fs';
import { FerryError, toErrorData } from '../../src-shared/errors.js';
import type { FileEntry, OverwritePolicy } from '../../src-shared/model.js';
import { HASH_PREFERENCE, type HashAlgorithm, type RemoteFileSystem } from '../fs/remote-file-system.js';
import { pathOps, LOCAL } from './endpoint-path.js';
import { commitLocalFile } from '../fs/local-commit.js';
import { CollectingSink, SMALL_FILE_BYTES } from './collecting-sink.js';
import { ensureLocalFolder } from './ensure-local-folder.js';
import { copyByFxp, type FxpRoutes } from './fxp-copy.js';
import { decideOverwrite, freeName } from './overwrite-decision.js';
import type { QueueRecord } from './queue-record.js';
import type { QueueSettings } from './queue-settings.js';
import type { TokenBucket } from './token-bucket.js';
import { StreamingDigest, TransferTap } from './transfer-tap.js';

type Facts = Pick<FileEntry, 'size' | 'modified'>;

/** Where the running transfer stands; read by the queue's progress timer. */
export interface TransferMeter {
  offset: number;
  /** Counts the bytes of this attempt as they pass (the stream tap, or the small-file sink). */
  tap: { readonly bytes: number } | null;
}

export interface FileJob {
  item: QueueRecord;
  source: RemoteFileSystem;
  target: RemoteFileSystem;
  signal: AbortSignal;
  settings: QueueSettings;
  /** The direction's speed limit; it may be unlimited now and limited later. */
  bucket: TokenBucket | null;
  meter: TransferMeter;
  /** Turns 'ask' into a concrete policy (or a cancel) through the prompter. */
  ask(source: Facts, target: Facts): Promise<OverwritePolicy | 'cancel'>;
  /**
   * The attempt is decided: the offset, the source size and time, the (possibly renamed)
   * target path, and the policy a question was answered with (so a retry does not ask again).
   */
  begin(
    offset: number,
    size: number | null,
    modified: number | null,
    targetPath: string,
    answered: OverwritePolicy | null,
  ): void;
  /**
   * The target file is open for writing: what is there from now on is this item's own work,
   * which a retry or a restart continues. Until then it is whatever was there before, and a
   * retry decides about it again (a refused STOR or RETR must not turn into "resume").
   */
  touched(): void;
  /**
   * Resolves once every change so far is handed to the OS, for a caller that must not write
   * before `touched` is on record. The same function for every item of a queue, so writes that
   * go to the disk together wait for one journal write (see commitLocalFile).
   */
  journaled(): Promise<void>;
  verifying(): void;
  /** The source server is no longer needed for this file (a download in its local phase). */
  remoteDone?(): void;
  /** The queue's memory of site pairs that refuse FXP (fxp-copy.ts). */
  fxpRoutes: FxpRoutes;
}

/** What one attempt moved: the bytes the target accepted, and (text only) the line feeds among them. */
interface Moved {
  bytes: number;
  lineFeeds: number;
}

export type FileOutcome =
  | { kind: 'done'; size: number; verifiedBy: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'is-dir' }
  | { kind: 'cancelled-by-answer' };

export async function transferFile(job: FileJob): Promise<FileOutcome> {
  const { item, source, target } = job;
  // Per-file round trips dominate small-file queues (a server without MLST answers a stat by
  // listing the whole folder), so what the folder listing just said is trusted on a first attempt.
  const firstTry = item.attempts <= 1 && !item.begun;
  const src: FileEntry | null =
    firstTry && item.listed && item.size != null
      ? { name: '', type: 'file', size: item.size, modified: item.modified }
      : await statSource(source, item);
  if (!src) throw new FerryError('NOT_FOUND', `${item.source.path} does not exist.`);
  if (src.type === 'dir') return { kind: 'is-dir' };
  const dirInTheWay = (path: string) =>
    new FerryError('ALREADY_EXISTS', `${path} is a folder; ${item.source.path} cannot be written over it.`, {
      hint: 'Rename or move the folder, or choose "rename" for this file, then retry it.',
      retryable: false,
    });
  // A link's own size (the length of the name it points to, in a LIST) says nothing about the
  // file it leads to: checked against that, a download through a link could never succeed.
  const size = src.type === 'symlink' ? null : src.size;
  const usePart = writesPartFile(item);
  // Text has its line endings converted on the way, so no byte offset is shared by both ends: it
  // never resumes, and the two sizes agree only up to a byte per line (sizesAgree).
  const text = movesAsText(job);
  // Children of a folder item land in folders the enumeration made; a retry or a resumed run
  // checks again, in case the folder was deleted meanwhile.
  if (usePart && (!item.parentId || !firstTry))
    await ensureLocalFolder(pathOps(LOCAL).dirname(item.target.path));
  let targetPath = item.target.path;
  const partPath = () => (usePart ? `${targetPath}.part` : targetPath);

  let offset = 0;
  // A folder Ferry has just created holds neither the target nor a .part of it.
  const fresh = firstTry && item.targetAbsent === true;
  const existing = fresh ? null : await target.stat(targetPath);
  const part = usePart && !fresh ? await target.stat(partPath()) : null;
  // Neither resumed, renamed to a .part, nor replaced: a folder is never this item's partial work.
  if (part?.type === 'dir') throw dirInTheWay(partPath());
  let answered: OverwritePolicy | null = null;

  if (item.begun) {
    // Our own partial work from an earlier attempt or before a crash: continue it, never ask.
    const partial = usePart ? part : existing;
    if (!text && partial?.size != null && size != null && partial.size <= size && !olderThan(partial, src))
      offset = partial.size;
    if (usePart && !part && existing && isComplete(existing, src, job.settings)) {
      // The rename happened but the crash came before the journal said so: already done.
      return { kind: 'done', size: size ?? existing.size ?? 0, verifiedBy: 'size' };
    }
  } else if (!existing) {
    if (!text && part?.size != null && size != null && part.size <= size && !olderThan(part, src))
      offset = part.size;
  } else {
    let policy: OverwritePolicy | 'cancel' = item.overwrite;
    if (policy === 'ask') {
      policy = await job.ask(src, existing);
      if (policy !== 'cancel') answered = policy;
    }
    if (policy === 'cancel') return { kind: 'cancelled-by-answer' };
    let decision = decideOverwrite(policy, src, existing);
    if (decision.kind === 'ask')
      decision = { kind: 'skip', reason: 'Nobody answered the overwrite question.' };
    if (decision.kind === 'skip') return { kind: 'skipped', reason: decision.reason };
    if (decision.kind === 'rename') {
      targetPath = await freeTargetName(target, item.target.location, targetPath);
    } else if (existing.type === 'dir') {
      throw dirInTheWay(targetPath);
    } else if (text) {
      // Resuming text means writing it again from the start (see above).
    } else if (decision.offset > 0 && usePart) {
      // Resuming a target that was not written through a .part: make it one.
      await target.rename(targetPath, partPath());
      offset = decision.offset;
    } else {
      offset = decision.offset;
    }
  }

  job.begin(offset, size, src.modified, targetPath, answered);
  // A server hashes the bytes it stores, which for text are not the ones that arrived here.
  const algorithm = job.settings.verify && !text ? await pickAlgorithm(job) : null;
  let digest = algorithm ? new StreamingDigest(algorithm) : null;
  if (digest && offset > 0) {
    // Bytes already there were streamed by an earlier attempt: hash them once, from the local side.
    const local = localSide(job, partPath());
    if (local) await hashPrefix(local, offset, digest);
    else digest = null;
  }

  // A small download is held in memory until it is complete and verified, then written to the
  // disk in one burst (see commitLocalFile): per-file overhead, not bandwidth, decides how fast
  // a tree of small files arrives. Resuming has nothing to gain below this size.
  const held =
    usePart && offset === 0 && size != null && size <= SMALL_FILE_BYTES && !job.bucket?.limited
      ? new CollectingSink(digest, size, text)
      : null;
  // Between two FTP servers that allow it, a copy goes server to server instead (fxp-copy.ts).
  const viaFxp = item.direction === 'copy' ? await copyByFxp(job, targetPath, offset, src) : null;
  if (viaFxp) return viaFxp;
  const transfer = held ? collect(job, held) : pipe(job, partPath(), offset, digest, text);
  // A download's source file is complete before the first byte moves, so its server hash is
  // asked for now: SFTP computes it on a channel of its own while the bytes travel (a 1 GiB
  // sha256sum took 3 s here, which the item used to wait for afterwards); FTP has one control
  // connection and queues the command behind the transfer, as before. An upload's target is
  // only complete afterwards.
  const serverHash =
    digest && algorithm && item.direction === 'download'
      ? source.hash(item.source.path, algorithm).catch(() => null)
      : null;
  let moved: Moved;
  try {
    moved = await transfer;
  } catch (error) {
    // A refused download (550) leaves nothing worth resuming: drop an empty .part so no stray
    // file remains. A .part with bytes in it stays for the next attempt to resume from.
    if (usePart && offset === 0 && !(error instanceof FerryError && error.retryable)) {
      const left = await target.stat(partPath()).catch(() => null);
      if (left && left.size === 0) await target.deleteFile(partPath()).catch(() => undefined);
    }
    throw error;
  }

  // Shown while a server hash is awaited; a size check alone is instant and not worth a state.
  if (digest && algorithm) job.verifying();
  // The server's side of the verification first, so a download can hand its connection to the
  // next item while the local checks, the time and the rename happen.
  let expected: string | null = null;
  if (serverHash) expected = await serverHash;
  else if (digest && algorithm) expected = await target.hash(partPath(), algorithm).catch(() => null);
  // Before the source connection goes back: a listing's rough time is made exact (MDTM).
  let modifiedAt = src.modified;
  if (
    job.settings.preserveTimes &&
    modifiedAt != null &&
    item.direction === 'download' &&
    job.source.exactModified
  )
    modifiedAt = (await job.source.exactModified(item.source.path)) ?? modifiedAt;
  if (item.direction === 'download' && usePart) job.remoteDone?.();

  // On the local disk the write stream's count is what the OS accepted into the file; asking
  // again costs a stat per file, which under load is most of a small file's local time.
  const written = moved.bytes;
  const writtenSize = item.target.location === LOCAL ? offset + written : await sizeOf(target, partPath());
  if (!sizesAgree(size, writtenSize, written, text ? moved.lineFeeds : null)) {
    const asText = text ? ` (as text, ${moved.lineFeeds} line(s), ${written} bytes passed)` : '';
    throw new FerryError(
      'VERIFY_FAILED',
      `${targetPath} has ${writtenSize ?? 0} bytes instead of ${size}${asText}.`,
      {
        hint: 'The transfer was cut short; it is retried from the start.',
        retryable: true,
      },
    );
  }
  let verifiedBy = 'size';
  if (digest && algorithm && expected) {
    const actual = digest.hex();
    if (expected.toLowerCase() !== actual) {
      throw new FerryError(
        'VERIFY_FAILED',
        `${targetPath}: ${algorithm} differs (${actual} here, ${expected} there).`,
        {
          hint: 'The file was damaged on the way; it is retried from the start.',
          retryable: true,
        },
      );
    }
    verifiedBy = algorithm;
  }
  const modified = job.settings.preserveTimes && modifiedAt != null ? new Date(modifiedAt) : null;
  if (held) {
    // Journaled before the file is written: after a crash between the write's rename and the
    // journal's "done", the restart must know the file under the final name is this item's.
    job.touched();
    await commitLocalFile(partPath(), targetPath, held.data, modified, job.journaled);
    return { kind: 'done', size: size ?? writtenSize ?? 0, verifiedBy };
  }
  if (modified) {
    // Before the rename, so a file under its final name always has its final time too (a crash
    // in between cannot leave one that looks unfinished). Best effort: many servers refuse MFMT,
    // and a file that arrived intact is still done.
    await target.setModified(partPath(), modified).catch(() => {});
  }
  if (usePart) await target.rename(partPath(), targetPath);
  return { kind: 'done', size: size ?? writtenSize ?? 0, verifiedBy };
}

/**
 * What a link leads to is what gets transferred: its size and time, not the link's. A listing
 * or stat shows the link itself (on proftpd MLST even as a file of the link's own length), so
 * the link is followed when stat says "symlink", or when its size is not the one the item was
 * enqueued with (SIZE also tells the truth about a file that changed since).
 */
async function statSource(source: RemoteFileSystem, item: QueueRecord): Promise<FileEntry | null> {
  const entry = await source.stat(item.source.path);
  if (!entry || !source.resolve) return entry;
  const suspect =
    entry.type === 'symlink' || (entry.type === 'file' && item.size != null && entry.size !== item.size);
  return suspect ? ((await source.resolve(item.source.path)) ?? entry) : entry;
}

/** Whether the item's partial work is `<target>.part` on the local disk, never the target itself. */
export function writesPartFile(item: QueueRecord): boolean {
  return item.target.location === LOCAL && item.direction !== 'upload';
}

/** Throws away what an attempt wrote, so the next one starts from zero (after a failed verification). */
export async function discardPartial(item: QueueRecord, target: RemoteFileSystem): Promise<void> {
  const path = writesPartFile(item) ? `${item.target.path}.part` : item.target.path;
  await target.deleteFile(path).catch(() => {});
}

/** A file system that can ask for one file's size in one round trip (FTP SIZE). */
interface SizeProbe {
  size(path: string): Promise<number | null>;
}

function hasSizeProbe(fs: RemoteFileSystem): fs is RemoteFileSystem & SizeProbe {
  return typeof (fs as Partial<SizeProbe>).size === 'function';
}

/**
 * The size of what was written. `stat` would do, but an FTP server without MLST answers it by
 * listing the whole folder: with thousands of files that turns a queue quadratic. SIZE is one line.
 */
async function sizeOf(fs: RemoteFileSystem, path: string): Promise<number | null> {
  if (hasSizeProbe(fs)) {
    const size = await fs.size(path).catch(() => null);
    if (size != null) return size;
  }
  return (await fs.stat(path))?.size ?? null;
}

/**
 * Binary: the copy has the source's size. Text: every line ending may have gained or lost a CR
 * at either end (LF locally, CRLF on the wire, either on the server; a local CRLF stays), so
 * both sizes lie within one byte per line feed of the bytes that passed through Ferry.
 */
function sizesAgree(
  size: number | null,
  writtenSize: number | null,
  passed: number,
  lineFeeds: number | null,
): boolean {
  if (size == null) return true;
  if (lineFeeds === null) return writtenSize === size;
  const near = (n: number | null) => n == null || Math.abs(n - passed) <= lineFeeds;
  return near(size) && near(writtenSize);
}

/** Either end is an FTP site that moves this file as text (TYPE A). */
function movesAsText(job: FileJob): boolean {
  return (
    job.source.sendsAsText?.(job.item.source.path) === true ||
    job.target.sendsAsText?.(job.item.target.path) === true
  );
}

/**
 * A `.part` last written before the source file was last changed holds bytes of an older
 * version: resumed, the file would arrive half old and half new, and a same-size splice passes
 * the size check on servers without a hash. Such a part starts over. (A part being written is
 * always newer than its source; the two seconds absorb listings' whole-second times.)
 */
function olderThan(part: FileEntry, src: FileEntry): boolean {
  return part.modified != null && src.modified != null && src.modified > part.modified + 2000;
}

function isComplete(existing: FileEntry, src: FileEntry, settings: QueueSettings): boolean {
  if (existing.size !== src.size) return false;
  if (!settings.preserveTimes || src.modified == null || existing.modified == null) return true;
  return Math.abs(existing.modified - src.modified) < 2000;
}

/** What each connection offers does not change while it lives: asked once, not once per file. */
const preferredHash = new WeakMap<RemoteFileSystem, HashAlgorithm | null>();

async function pickAlgorithm(job: FileJob): Promise<HashAlgorithm | null> {
  const remote = job.item.direction === 'download' ? job.source : job.target;
  const known = preferredHash.get(remote);
  if (known !== undefined) return known;
  const offered = await remote.hashAlgorithms().catch(() => null);
  const choice = HASH_PREFERENCE.find((a) => offered?.includes(a)) ?? null;
  // A failed question is asked again next time rather than remembered as "none".
  if (offered) preferredHash.set(remote, choice);
  return choice;
}

/** The local path holding the first bytes of this file, if either end is the local disk. */
function localSide(job: FileJob, writePath: string): string | null {
  if (job.item.target.location === LOCAL) return writePath;
  if (job.item.source.location === LOCAL) return job.item.source.path;
  return null;
}

async function hashPrefix(path: string, length: number, digest: StreamingDigest): Promise<void> {
  const stream = createReadStream(path, { start: 0, end: length - 1, highWaterMark: 256 * 1024 });
  for await (const chunk of stream) digest.update(chunk as Buffer);
}

function freeTargetName(fs: RemoteFileSystem, location: string, path: string): Promise<string> {
  const ops = pathOps(location);
  return freeName(
    ops.dirname(path),
    ops.basename(path),
    ops.join,
    async (candidate) => (await fs.stat(candidate)) !== null,
  );
}

/**
 * source.download → tap → target.upload, both running at once. Whichever side fails first
 * aborts the other, so neither waits forever on a stream nobody reads or writes. Resolves with
 * the bytes the target accepted.
 */
async function pipe(
  job: FileJob,
  writePath: string,
  offset: number,
  digest: StreamingDigest | null,
  countLines: boolean,
): Promise<Moved> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  job.signal.addEventListener('abort', onAbort, { once: true });
  const tap = new TransferTap(digest, job.bucket, countLines);
  job.meter.offset = offset;
  job.meter.tap = tap;
  let downError: unknown = null;
  let upError: unknown = null;
  const stopBoth = () => {
    controller.abort();
    tap.destroy();
  };
  const options = { offset, signal: controller.signal };
  const down = job.source.download(job.item.source.path, tap, options).then(
    () => {
      // An engine may leave the sink open; the upload only finishes once it is ended.
      if (!tap.writableEnded && !tap.destroyed) tap.end();
    },
    (error: unknown) => {
      downError = error;
      stopBoth();
    },
  );
  let written = 0;
  const up = job.target.upload(tap, writePath, { ...options, onOpened: () => job.touched() }).then(
    (result) => {
      written = result.bytes;
    },
    (error: unknown) => {
      upError = error;
      stopBoth();
    },
  );
  try {
    await Promise.all([down, up]);
  } finally {
    job.signal.removeEventListener('abort', onAbort);
  }
  if (job.signal.aborted) throw new FerryError('CANCELLED', 'The transfer was stopped.');
  const error = explain(downError, upError);
  if (error) throw error;
  return { bytes: written, lineFeeds: tap.lineFeeds };
}

/** source.download straight into memory. */
async function collect(job: FileJob, sink: CollectingSink): Promise<Moved> {
  job.meter.offset = 0;
  job.meter.tap = sink;
  const finished = new Promise<void>((resolve, reject) => {
    sink.once('finish', resolve);
    sink.once('error', reject);
  });
  // A dropped data connection fails the sink while the download is still being wound up (ABOR,
  // NOOP): handled from the start, or that rejection would end the process before the catch
  // below is reached. The download's own error is the one reported.
  finished.catch(() => undefined);
  try {
    await job.source.download(job.item.source.path, sink, { signal: job.signal });
    // When a direct reader handed over every read itself (ReadTaker), the sink is complete.
    // Otherwise an engine may have left it open; its bytes are all in once it is ended.
    if (!sink.completed) {
      if (!sink.writableEnded && !sink.destroyed) sink.end();
      await finished;
    }
  } catch (error) {
    sink.destroy();
    if (job.signal.aborted) throw new FerryError('CANCELLED', 'The transfer was stopped.');
    throw asFerryError(error);
  }
  return { bytes: sink.bytes, lineFeeds: sink.lineFeeds };
}

/**
 * When one side fails, the other fails too (its stream was torn down), often first and with a
 * vaguer message. The side that did not merely get cancelled or cut off says what happened.
 */
function explain(downError: unknown, upError: unknown): FerryError | null {
  if (downError === null && upError === null) return null;
  const cause = (error: unknown) =>
    error !== null && !(error instanceof FerryError && error.code === 'CANCELLED');
  if (cause(downError) && downError instanceof FerryError) return downError;
  if (cause(upError) && upError instanceof FerryError) return upError;
  return asFerryError(cause(downError) ? downError : cause(upError) ? upError : (downError ?? upError));
}

/** Engines throw FerryErrors; stream plumbing throws plain ones, which are usually a dropped connection. */
function asFerryError(error: unknown): FerryError {
  if (error instanceof FerryError) return error;
  const data = toErrorData(error);
  return new FerryError('CONNECTION_LOST', data.message, { retryable: true, cause: error });
}
