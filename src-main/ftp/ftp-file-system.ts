/**
 * FTP as a RemoteFileSystem. Owns one FtpSession at a time: when the session died (the
 * server timed it out, a cancelled transfer left it unusable), the next call reconnects
 * transparently once; if that fails, the error says why the first session ended too.
 */
import type { Readable, Writable } from 'node:stream';
import { posix } from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget, FileEntry, Protocol, SecurityInfo } from '../../src-shared/model.js';
import type {
  HashAlgorithm,
  RemoteFileSystem,
  TransferOptions,
  TransferResult,
} from '../fs/remote-file-system.js';
import type { CertificateCheckDeps } from './certificate-check.js';
import { keepingTls } from '../core/keeping-tls.js';
import { FtpSession, type FtpSessionOptions, type FxpOptions } from './ftp-session.js';
import type { FtpReply } from './reply-parser.js';

export interface FtpSessionSummary {
  home: string;
  security: SecurityInfo;
  features: string[];
  transferMode: ConnectionTarget['transferMode'];
}

export class FtpFileSystem implements RemoteFileSystem {
  readonly protocol: Protocol;
  private closed = false;
  private reconnecting: Promise<FtpSession> | null = null;

  constructor(
    private current: FtpSession,
    private readonly target: ConnectionTarget,
    private readonly deps: CertificateCheckDeps,
    private readonly options: FtpSessionOptions = {},
  ) {
    this.protocol = target.protocol;
  }

  get security(): SecurityInfo {
    return this.current.securityInfo;
  }

  get connected(): boolean {
    return !this.closed && this.current.alive;
  }

  /** What the UI shows about the session. */
  get session(): FtpSessionSummary {
    return {
      home: this.current.home,
      security: this.current.securityInfo,
      features: [...this.current.featureList.keys()],
      transferMode: this.current.transferMode,
    };
  }

  /** The live FtpSession, for FXP and tests. */
  async ftpSession(): Promise<FtpSession> {
    return this.live();
  }

  home(): Promise<string> {
    return this.use((s) => Promise.resolve(s.home));
  }

  list(path: string): Promise<FileEntry[]> {
    return this.use((s) => s.list(path));
  }

  stat(path: string): Promise<FileEntry | null> {
    return this.use((s) => s.stat(path));
  }

  /**
   * FTP has no command that follows a link and says what is there, but SIZE and MDTM answer
   * for the file a link leads to, and CWD enters the folder it leads to. (A listing describes
   * the link; MLST on proftpd gives a link's own length as its size.)
   */
  async resolve(path: string): Promise<FileEntry | null> {
    const name = posix.basename(path) || path;
    const size = await this.size(path);
    if (size !== null) return { name, type: 'file', size, modified: await this.modified(path) };
    // Every path given to this class is absolute: the session may stay in that folder.
    const entered = await this.cwd(path).then(
      () => true,
      (error: unknown) => {
        if (error instanceof FerryError && (error.reply?.code ?? 0) >= 500) return false;
        throw error;
      },
    );
    return entered ? { name, type: 'dir', size: null, modified: null } : null;
  }

  /** The server's current folder (PWD). Paths given to this class are absolute, so it rarely matters. */
  pwd(): Promise<string> {
    return this.use((s) => s.pwd());
  }

  cwd(path: string): Promise<void> {
    return this.use((s) => s.cwd(path));
  }

  cdup(): Promise<void> {
    return this.use((s) => s.cdup());
  }

  mkdir(path: string): Promise<void> {
    return this.use((s) => s.mkdir(path));
  }

  rename(from: string, to: string): Promise<void> {
    return this.use((s) => s.rename(from, to));
  }

  deleteFile(path: string): Promise<void> {
    return this.use((s) => s.deleteFile(path));
  }

  async removeDir(path: string, recursive: boolean): Promise<void> {
    if (recursive) {
      for (const entry of await this.list(path)) {
        const child = `${path.replace(/\/+$/, '')}/${entry.name}`;
        if (entry.type !== 'dir') await this.deleteFile(child);
        else if (!(await this.deletedAsLink(child))) await this.removeDir(child, true);
      }
    }
    await this.use((s) => s.removeDir(path));
  }

  /**
   * A link to a folder is removed as a link, never followed: emptying it would delete files
   * outside the tree. MLSD on some servers (pyftpdlib) looks through links and calls them
   * folders, so each folder is first deleted as a file: that removes a link, and a real folder
   * refuses it (5xx) and is emptied instead.
   */
  private async deletedAsLink(path: string): Promise<boolean> {
    try {
      await this.deleteFile(path);
      return true;
    } catch (error) {
      const code = error instanceof FerryError ? error.reply?.code : undefined;
      if (code !== undefined && code >= 500) return false;
      throw error;
    }
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.use((s) => s.chmod(path, mode));
  }

  setModified(path: string, time: Date): Promise<void> {
    return this.use((s) => s.setModified(path, time));
  }

  size(path: string): Promise<number | null> {
    return this.use((s) => s.size(path));
  }

  modified(path: string): Promise<number | null> {
    return this.use((s) => s.modified(path));
  }

  download(path: string, sink: Writable, options?: TransferOptions): Promise<TransferResult> {
    return this.use((s) => s.download(path, sink, this.withType(path, options)));
  }

  upload(source: Readable, path: string, options?: TransferOptions): Promise<TransferResult> {
    return this.use((s) => s.upload(source, path, this.withType(path, options)));
  }

  /** TYPE A when asked, or when the site lists the file's extension as text; binary otherwise. */
  private withType(path: string, options: TransferOptions = {}): TransferOptions {
    if (options.ascii !== undefined || !this.target.asciiExtensions?.length) return options;
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const dot = name.lastIndexOf('.');
    if (dot <= 0) return options;
    const extension = name.slice(dot + 1);
    const listed = this.target.asciiExtensions.some(
      (entry) => entry.replace(/^\*?\./, '').toLowerCase() === extension,
    );
    return listed ? { ...options, ascii: true } : options;
  }

  /** APPE: add `source` to the end of the remote file. */
  append(source: Readable, path: string, options?: TransferOptions): Promise<TransferResult> {
    return this.use((s) => s.upload(source, path, { ...options, append: true }));
  }

  /** STOU: the server picks a unique name (in the current folder: the last one listed or changed to) and says which. */
  uploadUnique(source: Readable, options?: TransferOptions): Promise<TransferResult & { name?: string }> {
    return this.use((s) => s.upload(source, '', { ...options, unique: true }));
  }

  hashAlgorithms(): Promise<HashAlgorithm[]> {
    return this.use((s) => Promise.resolve(s.hashAlgorithms()));
  }

  hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    return this.use((s) => s.hash(path, algorithm));
  }

  /** A command typed by a person; the reply is returned whatever its code. */
  raw(command: string): Promise<FtpReply> {
    return this.use((s) => s.raw(command));
  }

  /**
   * Copies a file straight to another FTP server (FXP). Opt-in: both servers must allow it.
   * Throws `FxpRefused` when they do not; both sessions stay usable then.
   */
  async fxpTo(
    sourcePath: string,
    destination: FtpFileSystem,
    destinationPath: string,
    options?: FxpOptions,
  ): Promise<void> {
    const there = await destination.ftpSession();
    await this.use((s) => s.fxpTo(sourcePath, there, destinationPath, options));
  }

  /**
   * MDTM, when the listings are `ls -l` text (no MLSD): they show minutes for recent files and
   * only the day for older ones, and a copy stamped with that looks older than its source to
   * "overwrite if newer" for ever after. null where the listing's time is exact (MLSD) or the
   * server has no MDTM.
   */
  async exactModified(path: string): Promise<number | null> {
    const features = this.current.featureList;
    if (features.has('MLST') || !features.has('MDTM')) return null;
    return this.modified(path).catch(() => null);
  }

  /** Whether this site moves `path` as text (TYPE A, line ends converted): FXP copies bytes only. */
  sendsAsText(path: string): boolean {
    return this.withType(path).ascii === true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current.close();
  }

  private use<T>(task: (session: FtpSession) => Promise<T>): Promise<T> {
    // Straight to the session when it is up (every call of a running queue): no extra await.
    if (this.closed || !this.current.alive) return this.live().then(task);
    try {
      return task(this.current);
    } catch (error) {
      // As the async version did: a task that throws at once still fails as a promise.
      return Promise.reject(error);
    }
  }

  private async live(): Promise<FtpSession> {
    if (this.closed) throw new FerryError('CONNECTION_LOST', 'The session was closed.', { retryable: false });
    if (this.current.alive) return this.current;
    if (!this.reconnecting) {
      const reason = this.current.control.closedError;
      this.deps.logger.log('info', `Reconnecting${reason ? ` (${reason.message})` : ''}…`);
      this.reconnecting = FtpSession.open(keepingTls(this.target, this.security), this.deps, this.options)
        .then((session) => {
          this.current = session;
          return session;
        })
        .catch((error: unknown) => {
          if (error instanceof FerryError && reason) {
            throw new FerryError(
              error.code,
              `${error.message} (reconnecting after: ${reason.message})`,
              error,
            );
          }
          throw error;
        })
        .finally(() => {
          this.reconnecting = null;
        });
    }
    return this.reconnecting;
  }
}
