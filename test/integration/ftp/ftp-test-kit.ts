/** Shared helpers for FTP integration tests: connect to a harness server, hash files, collect logs. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Socket } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ConnectionTarget, Protocol } from '../../../src-shared/model.js';
import { refusingPrompter, type Prompter } from '../../../src-main/core/prompter.js';
import type { LogDirection, ProtocolLogger } from '../../../src-main/core/protocol-log.js';
import {
  MemoryCertificateTrustStore,
  type CertificateTrustStore,
} from '../../../src-main/core/trust-store.js';
import { connectFtp, type FtpFileSystem, type FtpSessionOptions } from '../../../src-main/ftp/index.js';
import { RELEASES_CHUNKS } from '../../../src-main/core/chunk-ownership.js';
import type { RunningServer } from '../../harness/index.js';

export class RecordingLogger implements ProtocolLogger {
  readonly lines: { direction: LogDirection; text: string }[] = [];
  log(direction: LogDirection, text: string): void {
    this.lines.push({ direction, text });
    if (process.env.FERRY_FTP_DEBUG) process.stderr.write(`${direction}: ${text}\n`);
  }
  text(): string {
    return this.lines.map((line) => `${line.direction}: ${line.text}`).join('\n');
  }
}

export function targetFor(
  server: RunningServer,
  overrides: Partial<ConnectionTarget> = {},
): ConnectionTarget {
  const protocol: Protocol =
    server.kind === 'vsftpd-ftps-implicit'
      ? 'ftps'
      : server.kind === 'vsftpd-ftps-explicit'
        ? 'ftpes'
        : 'ftp';
  return {
    protocol,
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    transferMode: 'passive',
    ...(server.certFingerprint256 ? { tlsFingerprint: server.certFingerprint256 } : {}),
    ...overrides,
  };
}

export async function connectTo(
  server: RunningServer,
  overrides: Partial<ConnectionTarget> = {},
  extra: {
    logger?: RecordingLogger;
    prompter?: Prompter;
    trustStore?: CertificateTrustStore;
    options?: FtpSessionOptions;
  } = {},
): Promise<FtpFileSystem> {
  return connectFtp(
    targetFor(server, overrides),
    {
      logger: extra.logger ?? new RecordingLogger(),
      prompter: extra.prompter ?? refusingPrompter,
      trustStore: extra.trustStore ?? new MemoryCertificateTrustStore(),
    },
    extra.options,
  );
}

/** Hashes whatever is written into it; never holds the data. */
export class HashSink extends Writable {
  readonly [RELEASES_CHUNKS] = true;
  private readonly hash = createHash('sha256');
  bytes = 0;
  constructor() {
    super({ highWaterMark: 1024 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback();
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Collects everything written into it (small files only). */
export class BufferSink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }
  get data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function bufferSource(data: Buffer): Readable {
  return Readable.from([data]);
}

export async function download(fs: FtpFileSystem, path: string): Promise<Buffer> {
  const sink = new BufferSink();
  await fs.download(path, sink);
  return sink.data;
}

/** A scripted server's side of a control connection (plain or TLS): one answer per command line. */
export function answerLines(socket: Socket, answer: (line: string) => string | null): void {
  let pending = '';
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let nl = pending.indexOf('\r\n'); nl !== -1; nl = pending.indexOf('\r\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 2);
      const reply = answer(line);
      if (reply !== null) socket.write(reply);
    }
  });
}
