/**
 * What the queue, the service and the UI need from any file system: FTP, SFTP and the
 * local disk all implement it, so nothing above this line knows which protocol it talks.
 * Paths are absolute, '/'-separated on remote systems, native on the local disk.
 */
import type { Readable, Writable } from 'node:stream';
import type { FileEntry, Protocol, RawReply, SecurityInfo } from '../../src-shared/model.js';

export type HashAlgorithm = 'sha256' | 'sha1' | 'md5' | 'crc32';

/** Strongest first: what verification picks when an end offers several. */
export const HASH_PREFERENCE: readonly HashAlgorithm[] = ['sha256', 'sha1', 'md5', 'crc32'];

export interface TransferOptions {
  /** Start at this byte (REST / SFTP offset / local append). 0 when absent. */
  offset?: number;
  /** Convert line endings (FTP TYPE A). Binary unless set. */
  ascii?: boolean;
  /** Aborts the running transfer; the session stays usable afterwards. */
  signal?: AbortSignal;
  /**
   * Called with the running byte count, from the data path: must stay cheap (the queue
   * throttles what it forwards), so the engine passes a number, never an object.
   */
  onProgress?: (bytesSoFar: number) => void;
  /**
   * Called once the transfer is under way at the other end: for upload(), the target file is
   * open for writing (FTP: the server's 1xx to STOR or APPE; SFTP: the open handle; the local
   * disk: the open file), so what is there from then on is this transfer's own work, which a
   * retry may continue; for download(), the server accepted the RETR or the open. Before it,
   * whatever is at the target is still the file that was there.
   */
  onOpened?: () => void;
}

export interface TransferResult {
  /** Bytes moved by this call (not counting the offset). */
  bytes: number;
}

export interface RemoteFileSystem {
  readonly protocol: Protocol | 'local';
  /** Security of the control channel, for the status bar; null for the local disk. */
  readonly security: SecurityInfo | null;

  /** The folder the session starts in (login folder or home). */
  home(): Promise<string>;
  list(path: string): Promise<FileEntry[]>;
  /** null when the path does not exist. A link is described as the link itself (lstat). */
  stat(path: string): Promise<FileEntry | null>;
  /**
   * What `path` is once links are followed: a file (with its size) or a folder; null when it
   * leads nowhere (a dangling link). Absent where `stat` already follows links.
   */
  resolve?(path: string): Promise<FileEntry | null>;
  mkdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Delete a file. */
  deleteFile(path: string): Promise<void>;
  /** Remove a folder; with recursive, everything below it first. */
  removeDir(path: string, recursive: boolean): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  setModified(path: string, time: Date): Promise<void>;

  /** Stream the file at `path` into `sink`; resolves when every byte has been written to the sink. */
  download(path: string, sink: Writable, options?: TransferOptions): Promise<TransferResult>;
  /** Stream `source` into the file at `path`; with offset > 0 it appends from there (REST+STOR or APPE). */
  upload(source: Readable, path: string, options?: TransferOptions): Promise<TransferResult>;

  /** Server-side hashes this file system can compute (FTP HASH/XSHA256…, SFTP check-file/sha256sum). */
  hashAlgorithms(): Promise<HashAlgorithm[]>;
  /** Hex digest computed by the server; null when it cannot. */
  hash(path: string, algorithm: HashAlgorithm): Promise<string | null>;

  /**
   * Whether `path` moves as text, its line endings converted on the way (FTP TYPE A; absent
   * elsewhere). Such a file has no byte offsets in common with its copy: it cannot resume, and
   * its size may differ from the other side's by one byte per line.
   */
  sendsAsText?(path: string): boolean;

  /**
   * The exact modification time of `path`, where this file system's listings give it only
   * roughly (FTP LIST: whole minutes, or just the day for older files; MDTM has seconds).
   * Absent where listings are exact already.
   */
  exactModified?(path: string): Promise<number | null>;

  /** Send a command typed by the user and return the server's reply (FTP only; absent elsewhere). */
  raw?(command: string): Promise<RawReply>;

  /** True while the session can take commands. */
  readonly connected: boolean;
  close(): Promise<void>;
}
