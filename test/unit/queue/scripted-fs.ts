/**
 * A LocalFileSystem with hooks, standing in for a remote site in queue state-machine tests:
 * it can fail on cue, hold a transfer half-way, or list hostile names. (Real servers are in the
 * integration tests; this only drives the queue's own logic.)
 */
import type { Readable, Writable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import { FerryError } from '../../../src-shared/errors.js';
import type { FileEntry } from '../../../src-shared/model.js';
import { LocalFileSystem } from '../../../src-main/fs/local-file-system.js';
import type {
  HashAlgorithm,
  TransferOptions,
  TransferResult,
} from '../../../src-main/fs/remote-file-system.js';

export interface Script {
  /** Thrown by download before any byte, once per call while it returns an error. */
  downloadFault?: (path: string) => Error | null;
  /** Extra entries appended to every listing. */
  extraEntries?: FileEntry[];
  /** Bytes per second for downloads (to keep a transfer running while a test acts). */
  slowBytesPerSecond?: number;
  downloadOffsets?: number[];
  /** The next download drops (retryable) after this many bytes; cleared once used. */
  dropAfterBytes?: number;
  /** Told of every server hash asked for, and whether a download was running at that moment. */
  onHash?: (path: string, downloading: boolean) => void;
}

export class ScriptedFs extends LocalFileSystem {
  private downloading = 0;

  constructor(private readonly script: Script) {
    super();
  }

  override hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    this.script.onHash?.(path, this.downloading > 0);
    return super.hash(path, algorithm);
  }

  override async list(path: string): Promise<FileEntry[]> {
    const entries = await super.list(path);
    return [...entries, ...(this.script.extraEntries ?? [])];
  }

  override async download(
    path: string,
    sink: Writable,
    options: TransferOptions = {},
  ): Promise<TransferResult> {
    this.downloading++;
    try {
      return await this.scriptedDownload(path, sink, options);
    } finally {
      this.downloading--;
    }
  }

  private async scriptedDownload(
    path: string,
    sink: Writable,
    options: TransferOptions,
  ): Promise<TransferResult> {
    const fault = this.script.downloadFault?.(path);
    if (fault) throw fault;
    this.script.downloadOffsets?.push(options.offset ?? 0);
    const drop = this.script.dropAfterBytes;
    if (drop !== undefined) {
      delete this.script.dropAfterBytes;
      const head = createReadStream(path, {
        start: options.offset ?? 0,
        end: (options.offset ?? 0) + drop - 1,
      });
      await pipeline(head, sink, { end: false });
      throw new FerryError('CONNECTION_LOST', 'The data connection dropped.', { retryable: true });
    }
    const rate = this.script.slowBytesPerSecond;
    if (!rate) return super.download(path, sink, options);
    const source = createReadStream(path, { start: options.offset ?? 0, highWaterMark: 1024 });
    let bytes = 0;
    const pace = new Transform({
      transform(chunk: Buffer, _e, done) {
        bytes += chunk.length;
        setTimeout(done, (chunk.length / rate) * 1000, null, chunk);
      },
    });
    await pipeline(source, pace, sink, options.signal ? { signal: options.signal } : {});
    return { bytes };
  }

  override upload(source: Readable, path: string, options: TransferOptions = {}): Promise<TransferResult> {
    return super.upload(source, path, options);
  }
}
