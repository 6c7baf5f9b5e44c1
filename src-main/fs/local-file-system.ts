/**
 * The local disk behind the same seam as FTP and SFTP, so the queue moves bytes between any
 * two ends without knowing which is which. Streams only: nothing here holds a whole file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isNetworkErrno } from '../core/network-errno.js';
import { FerryError } from '../../src-shared/errors.js';
import { isUndecodableName } from './safe-name.js';
import type { EntryType, FileEntry } from '../../src-shared/model.js';
import type {
  HashAlgorithm,
  RemoteFileSystem,
  TransferOptions,
  TransferResult,
} from './remote-file-system.js';

/** Large enough that a fast disk is not syscall-bound, small enough to keep memory flat with many items. */
const CHUNK = 256 * 1024;

export class LocalFileSystem implements RemoteFileSystem {
  readonly protocol = 'local' as const;
  readonly security = null;
  private open = true;

  get connected(): boolean {
    return this.open;
  }

  home(): Promise<string> {
    return Promise.resolve(homedir());
  }

  async list(path: string): Promise<FileEntry[]> {
    const names = await guard(path, () => fsp.readdir(path));
    const entries = await Promise.all(
      names.map(async (name): Promise<FileEntry | null> => {
        const full = join(path, name);
        try {
          const st = await fsp.lstat(full);
          const entry = entryFromStats(name, st);
          if (entry.type === 'symlink') entry.linkTarget = await fsp.readlink(full);
          return entry;
        } catch (error) {
          // A name that is not valid UTF-8 comes back decoded with U+FFFD and cannot be found
          // again by that name: it is listed as what it is, so an upload reports it, never skips it.
          if (errnoOf(error) === 'ENOENT' && isUndecodableName(name))
            return { name, type: 'other', size: null, modified: null };
          // Deleted between readdir and lstat: the listing simply no longer has it.
          if (errnoOf(error) === 'ENOENT') return null;
          throw localError(error, full);
        }
      }),
    );
    return entries.filter((e): e is FileEntry => e !== null);
  }

  /** Follows symbolic links (what a transfer would read); a dangling link is reported as the link itself. */
  async stat(path: string): Promise<FileEntry | null> {
    try {
      return entryFromStats(basename(path), await fsp.stat(path));
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw localError(error, path);
    }
    try {
      const st = await fsp.lstat(path);
      const entry = entryFromStats(basename(path), st);
      if (entry.type === 'symlink') entry.linkTarget = await fsp.readlink(path);
      return entry;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw localError(error, path);
    }
  }

  mkdir(path: string): Promise<void> {
    return guard(path, () => fsp.mkdir(path));
  }

  async rename(from: string, to: string): Promise<void> {
    try {
      await fsp.rename(from, to);
    } catch (error) {
      // A folder (or a non-empty one) in the way is about the target; anything else, the source.
      const code = errnoOf(error);
      const aboutTarget =
        code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EISDIR' || code === 'ENOTDIR';
      throw localError(error, aboutTarget ? to : from);
    }
  }

  deleteFile(path: string): Promise<void> {
    return guard(path, () => fsp.unlink(path));
  }

  removeDir(path: string, recursive: boolean): Promise<void> {
    return guard(path, () => (recursive ? fsp.rm(path, { recursive: true }) : fsp.rmdir(path)));
  }

  chmod(path: string, mode: number): Promise<void> {
    return guard(path, () => fsp.chmod(path, mode));
  }

  setModified(path: string, time: Date): Promise<void> {
    return guard(path, () => fsp.utimes(path, time, time));
  }

  async download(path: string, sink: Writable, options: TransferOptions = {}): Promise<TransferResult> {
    const source = createReadStream(path, { start: options.offset ?? 0, highWaterMark: CHUNK });
    await guard(path, () => pipeline(source, sink, options.signal ? { signal: options.signal } : {}));
    return { bytes: source.bytesRead };
  }

  async upload(source: Readable, path: string, options: TransferOptions = {}): Promise<TransferResult> {
    const offset = options.offset ?? 0;
    // Resume means "the first `offset` bytes are already right": anything past them is dropped first.
    if (offset > 0) await guard(path, () => fsp.truncate(path, offset));
    const sink = createWriteStream(path, offset > 0 ? { flags: 'r+', start: offset } : { flags: 'w' });
    if (options.onOpened) sink.once('open', options.onOpened);
    await guard(path, () => pipeline(source, sink, options.signal ? { signal: options.signal } : {}));
    return { bytes: sink.bytesWritten };
  }

  hashAlgorithms(): Promise<HashAlgorithm[]> {
    return Promise.resolve(['sha256', 'sha1', 'md5']);
  }

  async hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    if (algorithm === 'crc32') return null;
    const digest = createHash(algorithm);
    await guard(path, () => pipeline(createReadStream(path, { highWaterMark: CHUNK }), digest));
    return digest.digest('hex');
  }

  close(): Promise<void> {
    this.open = false;
    return Promise.resolve();
  }
}

function entryFromStats(name: string, st: Stats): FileEntry {
  const type: EntryType = st.isSymbolicLink()
    ? 'symlink'
    : st.isDirectory()
      ? 'dir'
      : st.isFile()
        ? 'file'
        : 'other';
  return {
    name,
    type,
    size: st.size,
    modified: Math.floor(st.mtimeMs),
    permissions: permissionString(st.mode),
    mode: st.mode & 0o7777,
    owner: String(st.uid),
    group: String(st.gid),
  };
}

const RWX = 'rwxrwxrwx';

/** `rwxr-xr-x`, with setuid/setgid/sticky folded in the way `ls -l` shows them. */
export function permissionString(mode: number): string {
  const chars: string[] = [];
  for (let bit = 0; bit < 9; bit++) chars.push(mode & (0o400 >> bit) ? RWX[bit]! : '-');
  if (mode & 0o4000) chars[2] = chars[2] === 'x' ? 's' : 'S';
  if (mode & 0o2000) chars[5] = chars[5] === 'x' ? 's' : 'S';
  if (mode & 0o1000) chars[8] = chars[8] === 'x' ? 't' : 'T';
  return chars.join('');
}

async function guard<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // A stream piped in from the other end may fail for its own reasons (a dropped data
    // connection): that is not a local disk error, so it travels on unchanged.
    const code = errnoOf(error);
    const fromDisk = code !== undefined && !code.startsWith('ERR_') && !isNetworkErrno(error);
    if (!fromDisk && (error as { name?: unknown } | null)?.name !== 'AbortError') throw error;
    throw localError(error, path);
  }
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** node:fs errors become FerryErrors a person can act on; already-mapped errors pass through. */
export function localError(error: unknown, path: string): FerryError {
  if (error instanceof FerryError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError')
    return new FerryError('CANCELLED', 'The transfer was cancelled.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  switch (errnoOf(error)) {
    case 'ENOENT':
      return new FerryError('NOT_FOUND', `${path} does not exist.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new FerryError('PERMISSION_DENIED', `No permission to access ${path}.`, {
        hint: 'Check the file and folder permissions on this computer.',
        cause: error,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new FerryError('DISK_FULL', `The disk is full while writing ${path}.`, {
        hint: 'Free some space and retry: nothing is lost, the .part file stays and the transfer resumes where it stopped.',
        cause: error,
      });
    // EISDIR: a folder where a file should go (renaming onto it, opening it for writing).
    case 'EEXIST':
    case 'ENOTEMPTY':
    case 'EISDIR':
      return new FerryError('ALREADY_EXISTS', `${path} already exists.`, { cause: error });
    default:
      return new FerryError('LOCAL_IO', `Could not access ${path}: ${message}`, { cause: error });
  }
}
