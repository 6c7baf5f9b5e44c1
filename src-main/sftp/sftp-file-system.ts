/**
 * RemoteFileSystem over one SSH connection's SFTP channel. Small requests are single
 * round trips; transfers go through the pipelined reader and writer. The first reason the
 * session ended is kept, so every later call explains why instead of failing vaguely.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Client, SFTPWrapper } from 'ssh2';
import { FerryError } from '../../src-shared/errors.js';
import type { FileEntry, SecurityInfo } from '../../src-shared/model.js';
import { isUndecodableName } from '../fs/safe-name.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type {
  HashAlgorithm,
  RemoteFileSystem,
  TransferOptions,
  TransferResult,
} from '../fs/remote-file-system.js';
import { pipelinedDownload, type PipelineLimits } from './pipelined-download.js';
import { pipelinedUpload } from './pipelined-upload.js';
import { CheckFileHasher } from './check-file.js';
import { RemoteHasher } from './remote-hash.js';
import { toFileEntry, type SftpAttrs } from './sftp-entry.js';
import { connectionLost, isNoResponseError, mapSftpError } from './sftp-errors.js';

type Done<T> = (error: Error | null | undefined, value: T) => void;

export interface SftpSessionParts {
  client: Client;
  sftp: SFTPWrapper;
  security: SecurityInfo;
  limits: PipelineLimits;
  logger: ProtocolLogger;
  /** "user@host:port", for messages. */
  label: string;
}

/**
 * A recursive delete's requests in flight at once, over the whole tree: pipelined, but bounded,
 * as each listing holds one of the server's open handles (OpenSSH allows about 1,000).
 */
const REMOVE_CONCURRENCY = 16;

export class SftpFileSystem implements RemoteFileSystem {
  readonly protocol = 'sftp' as const;
  readonly security: SecurityInfo;
  readonly limits: PipelineLimits;
  private readonly client: Client;
  private readonly sftp: SFTPWrapper;
  private readonly logger: ProtocolLogger;
  private readonly label: string;
  private readonly hasher: RemoteHasher;
  private readonly checkFile: CheckFileHasher;
  private closingError: FerryError | null = null;
  /**
   * Rejecters of the requests awaiting a reply. ssh2 fails its own pending requests when the
   * connection goes, but not those its helpers issue from a callback afterwards (readdir closes
   * its handle and waits for that reply for ever): the session fails them itself.
   */
  private readonly pending = new Set<(error: FerryError) => void>();
  private homePath: Promise<string> | null = null;
  private socketClosed = false;

  constructor(parts: SftpSessionParts) {
    this.client = parts.client;
    this.sftp = parts.sftp;
    this.security = parts.security;
    this.limits = parts.limits;
    this.logger = parts.logger;
    this.label = parts.label;
    this.hasher = new RemoteHasher(parts.client);
    this.checkFile = new CheckFileHasher(parts.client);
    const onGone = (reason: string) => (): void => {
      if (this.closingError) return;
      this.closingError = connectionLost(`Connection to ${this.label} ${reason}`);
      this.logger.log('error', this.closingError.message);
      this.failPending();
    };
    this.client.on('close', () => {
      this.socketClosed = true;
    });
    this.client.on('close', onGone('closed'));
    this.client.on('end', onGone('ended'));
    this.client.on('error', (error: Error) => {
      if (this.closingError) return;
      this.closingError = connectionLost(`Connection to ${this.label} failed: ${error.message}`, error);
      this.logger.log('error', this.closingError.message);
      this.failPending();
    });
    this.sftp.on('close', onGone('closed its SFTP channel'));
  }

  private failPending(): void {
    const error = this.closingError;
    if (!error) return;
    for (const reject of this.pending) reject(error);
    this.pending.clear();
  }

  get connected(): boolean {
    return this.closingError === null;
  }

  home(): Promise<string> {
    // Cached once known; a failure is not cached, so a later call asks again.
    this.homePath ??= this.realpath('.').catch((error: unknown) => {
      this.homePath = null;
      throw error;
    });
    return this.homePath;
  }

  realpath(path: string): Promise<string> {
    return this.request<string>('Realpath', path, (done) => this.sftp.realpath(path, done));
  }

  readlink(path: string): Promise<string> {
    return this.request<string>('Readlink', path, (done) => this.sftp.readlink(path, done));
  }

  async list(path: string): Promise<FileEntry[]> {
    this.logger.log('sent', `READDIR ${path}`);
    const rows = await this.request<{ filename: string; longname: string; attrs: SftpAttrs }[]>(
      'List',
      path,
      (done) => this.sftp.readdir(path, done),
    );
    const entries = rows.map((row) => toFileEntry(row.filename, row.attrs, row.longname));
    // Link targets travel as one pipelined burst of READLINKs, not one round trip each.
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.type === 'symlink')
          entry.linkTarget = await this.readlinkOrUndefined(posix.join(path, entry.name));
      }),
    );
    return entries;
  }

  async stat(path: string): Promise<FileEntry | null> {
    let attrs: SftpAttrs;
    try {
      attrs = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.lstat(path, done));
    } catch (error) {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
    const entry = toFileEntry(posix.basename(path) || path, attrs);
    if (entry.type === 'symlink') entry.linkTarget = await this.readlinkOrUndefined(path);
    return entry;
  }

  async resolve(path: string): Promise<FileEntry | null> {
    try {
      const attrs = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.stat(path, done));
      return toFileEntry(posix.basename(path) || path, attrs);
    } catch (error) {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async mkdir(path: string): Promise<void> {
    this.logger.log('sent', `MKDIR ${path}`);
    try {
      await this.request<void>('Create folder', path, (done) =>
        this.sftp.mkdir(path, (error) => done(error, undefined)),
      );
    } catch (error) {
      // SFTP v3 has no "already exists" status: OpenSSH answers a bare FAILURE.
      if (error instanceof FerryError && error.code === 'PERMANENT' && (await this.stat(path)) !== null) {
        throw new FerryError('ALREADY_EXISTS', `Create folder ${path}: it already exists`, {
          reply: error.reply,
          hint: 'Choose another name.',
          retryable: false,
        });
      }
      throw error;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    this.logger.log('sent', `RENAME ${from} -> ${to}`);
    await this.request<void>('Rename', from, (done) => {
      const callback = (error: Error | null | undefined): void => done(error, undefined);
      // posix-rename replaces an existing target atomically; plain v3 RENAME refuses to.
      try {
        this.sftp.ext_openssh_rename(from, to, callback);
      } catch {
        this.sftp.rename(from, to, callback);
      }
    });
  }

  async deleteFile(path: string): Promise<void> {
    this.logger.log('sent', `REMOVE ${path}`);
    await this.request<void>('Delete', path, (done) =>
      this.sftp.unlink(path, (error) => done(error, undefined)),
    );
  }

  async removeDir(path: string, recursive: boolean): Promise<void> {
    if (recursive) await this.removeTree(path, slots(REMOVE_CONCURRENCY));
    else await this.rmdir(path);
  }

  /** Empties and removes `path`; every request of the whole tree takes one of the shared slots. */
  private async removeTree(path: string, slot: <T>(task: () => Promise<T>) => Promise<T>): Promise<void> {
    const entries = await slot(() => this.list(path));
    const lost = entries.find((entry) => isUndecodableName(entry.name));
    if (lost) {
      throw new FerryError(
        'UNSUPPORTED',
        `${path} holds ${JSON.stringify(lost.name)}, a name that is not valid UTF-8 (shown with �): SFTP cannot ask for it by name, so the folder cannot be emptied.`,
        { hint: 'Rename it on the server (for example with convmv), then delete again.', retryable: false },
      );
    }
    await Promise.all(
      entries.map((entry) => {
        const child = posix.join(path, entry.name);
        // A symlink to a folder is removed as a link, never followed.
        return entry.type === 'dir' ? this.removeTree(child, slot) : slot(() => this.deleteFile(child));
      }),
    );
    await slot(() => this.rmdir(path));
  }

  private async rmdir(path: string): Promise<void> {
    this.logger.log('sent', `RMDIR ${path}`);
    await this.request<void>('Remove folder', path, (done) =>
      this.sftp.rmdir(path, (error) => done(error, undefined)),
    );
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.logger.log('sent', `CHMOD ${mode.toString(8)} ${path}`);
    await this.request<void>('Change permissions', path, (done) =>
      this.sftp.chmod(path, mode, (error) => done(error, undefined)),
    );
  }

  async setModified(path: string, time: Date): Promise<void> {
    const mtime = Math.floor(time.getTime() / 1000);
    // SFTP v3 carries times as unsigned 32-bit seconds: anything else would wrap (1969 → 2106).
    if (!(mtime >= 0 && mtime <= 0xffff_ffff)) {
      throw new FerryError('INVALID_ARGUMENT', `SFTP cannot set ${path}'s time to ${time.toISOString()}.`, {
        hint: 'SFTP stores times from 1970 to 2106 only.',
        retryable: false,
      });
    }
    // SETSTAT sets atime and mtime together (ACMODTIME): read the current atime to keep it.
    const current = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.stat(path, done));
    this.logger.log('sent', `SETSTAT mtime=${mtime} ${path}`);
    await this.request<void>('Set modification time', path, (done) =>
      this.sftp.setstat(path, { atime: current.atime ?? mtime, mtime }, (error) => done(error, undefined)),
    );
  }

  async download(path: string, sink: Writable, options: TransferOptions = {}): Promise<TransferResult> {
    const start = options.offset ?? 0;
    this.logger.log('sent', `OPEN ${path} (read${start > 0 ? `, from byte ${start}` : ''})`);
    const handle = await this.request<Buffer>('Open', path, (done) => this.sftp.open(path, 'r', done));
    options.onOpened?.();
    try {
      const attrs = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.fstat(handle, done));
      // SFTP v3 may leave the size out; /proc and /sys files say 0 and have bytes. Either way
      // the download reads to the end of the file, and there is no size to hold it to.
      const size = attrs.size ? attrs.size : null;
      if (size !== null && start > size) {
        throw new FerryError(
          'INVALID_ARGUMENT',
          `Cannot resume ${path} at byte ${start}: it has only ${size} bytes`,
          {
            hint: 'The remote file is shorter than the local part; download it again from the start.',
            retryable: false,
          },
        );
      }
      const bytes = await this.transfer(
        pipelinedDownload({
          sftp: this.sftp,
          handle,
          path,
          start,
          knownSize: size ?? 0,
          sink,
          limits: this.limits,
          signal: options.signal,
          onProgress: options.onProgress,
        }),
      );
      if (size !== null && start + bytes !== size) {
        throw new FerryError(
          'VERIFY_FAILED',
          `Download of ${path} ended at byte ${start + bytes}, but the file had ${size}`,
          {
            hint: 'The file changed on the server during the transfer; download it again.',
          },
        );
      }
      this.logger.log('info', `Downloaded ${bytes} bytes of ${path}`);
      return { bytes };
    } finally {
      await this.closeHandle(handle);
    }
  }

  async upload(source: Readable, path: string, options: TransferOptions = {}): Promise<TransferResult> {
    const start = options.offset ?? 0;
    this.logger.log('sent', `OPEN ${path} (write${start > 0 ? `, from byte ${start}` : ''})`);
    // Resume opens without truncating; a fresh upload creates or truncates.
    const flags = start > 0 ? 'r+' : 'w';
    const handle = await this.request<Buffer>('Open', path, (done) => this.sftp.open(path, flags, done));
    options.onOpened?.();
    try {
      if (start > 0) await this.prepareResume(handle, path, start);
      const bytes = await this.transfer(
        pipelinedUpload({
          sftp: this.sftp,
          handle,
          path,
          start,
          source,
          limits: this.limits,
          signal: options.signal,
          onProgress: options.onProgress,
        }),
      );
      const attrs = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.fstat(handle, done));
      if (attrs.size !== undefined && attrs.size !== start + bytes) {
        throw new FerryError(
          'VERIFY_FAILED',
          `Upload of ${path}: the server has ${attrs.size} bytes, expected ${start + bytes}`,
          {
            hint: 'Something else wrote to the file during the transfer; upload it again.',
          },
        );
      }
      this.logger.log('info', `Uploaded ${bytes} bytes to ${path}`);
      return { bytes };
    } finally {
      await this.closeHandle(handle);
    }
  }

  /** check-file's digests first (no process spawned on the server), exec's as the fallback; probed at once. */
  async hashAlgorithms(): Promise<HashAlgorithm[]> {
    const [viaCheckFile, viaExec] = await Promise.all([
      this.checkFile.algorithms(),
      this.hasher.algorithms(),
    ]);
    return [...new Set([...viaCheckFile, ...viaExec])];
  }

  async hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    if ((await this.checkFile.algorithms()).includes(algorithm)) {
      this.logger.log('sent', `check-file-name ${algorithm} ${path}`);
      const outcome = await this.checkFile.hash(path, algorithm);
      if (outcome.kind === 'digest') return outcome.hex;
      // ProFTPD refuses a start offset at or past the end of the file, so an empty file never
      // gets a digest; the digest of zero bytes is a constant, and the size proves the content.
      if (outcome.kind === 'refused' && (await this.isEmptyFile(path))) {
        this.logger.log('info', `${path} is empty: its ${algorithm} is that of zero bytes`);
        return createHash(algorithm).digest('hex');
      }
      this.logger.log('info', `check-file-name gave no ${algorithm} for ${path}; trying exec`);
    }
    if (!(await this.hasher.algorithms()).includes(algorithm)) return null;
    this.logger.log('sent', `exec ${algorithm}sum ${path}`);
    return this.hasher.hash(path, algorithm);
  }

  private async isEmptyFile(path: string): Promise<boolean> {
    const entry = await this.stat(path).catch(() => null);
    return entry?.type === 'file' && entry.size === 0;
  }

  async close(): Promise<void> {
    if (!this.closingError) {
      this.closingError = new FerryError('CONNECTION_LOST', `The session with ${this.label} was closed`, {
        hint: 'Connect again.',
        retryable: false,
      });
    }
    if (this.socketClosed) return;
    await new Promise<void>((resolve) => {
      // A server that never answers the disconnect does not hold the caller up.
      const timer = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 2_000);
      this.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.end();
    });
  }

  /** REST+STOR semantics: the remote must hold at least `start` bytes; anything past it is cut. */
  private async prepareResume(handle: Buffer, path: string, start: number): Promise<void> {
    const attrs = await this.request<SftpAttrs>('Stat', path, (done) => this.sftp.fstat(handle, done));
    const size = attrs.size ?? 0;
    if (size < start) {
      throw new FerryError(
        'INVALID_ARGUMENT',
        `Cannot resume ${path} at byte ${start}: the server has only ${size} bytes`,
        {
          hint: 'Upload the file again from the start.',
          retryable: false,
        },
      );
    }
    if (size > start) {
      await this.request<void>('Truncate', path, (done) =>
        this.sftp.fsetstat(handle, { size: start }, (error) => done(error, undefined)),
      );
    }
  }

  /** Transfer failures caused by the session dying report why it died. */
  private async transfer(work: Promise<number>): Promise<number> {
    try {
      return await work;
    } catch (error) {
      if (this.closingError && error instanceof FerryError && error.code !== 'CANCELLED')
        throw this.closingError;
      throw error;
    }
  }

  private async closeHandle(handle: Buffer): Promise<void> {
    if (this.closingError) return;
    await new Promise<void>((resolve) => {
      // A failed close after a failed transfer must not hide the transfer's error.
      this.sftp.close(handle, (error) => {
        if (error) this.logger.log('error', `Close handle: ${error.message}`);
        resolve();
      });
    });
  }

  private async readlinkOrUndefined(path: string): Promise<string | undefined> {
    try {
      return await this.readlink(path);
    } catch {
      return undefined;
    }
  }

  /** One SFTP request as a promise, its failure mapped with the operation and path. */
  private request<T>(operation: string, path: string, start: (done: Done<T>) => void): Promise<T> {
    if (this.closingError) return Promise.reject(this.closingError);
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      const done: Done<T> = (error, value) => {
        this.pending.delete(reject);
        if (!error) resolve(value);
        else if (this.closingError && isNoResponseError(error)) reject(this.closingError);
        else reject(mapSftpError(error, operation, path));
      };
      try {
        start(done);
      } catch (error) {
        reject(this.closingError ?? mapSftpError(error, operation, path));
      }
    });
  }
}

/** Runs tasks with at most `count` of them pending at once, in the order they asked. */
function slots(count: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finished task hands its slot straight to the next waiter, so none is taken twice.
    if (running < count) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
