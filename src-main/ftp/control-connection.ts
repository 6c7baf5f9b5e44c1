/**
 * The FTP control connection: one socket (plain, then maybe TLS), the reply parser, exactly
 * one task in flight, timeouts and the protocol log. It knows no FTP commands beyond NOOP.
 * Once it dies, the first reason is kept and every later call fails with it, so the person
 * sees "the server closed the connection after 421 Timeout" instead of "write after end".
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { FerryError } from '../../src-shared/errors.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import { assertSafeCommand, maskCommand } from './command-text.js';
import { replyError } from './reply-error.js';
import { ReplyParser, type FtpReply } from './reply-parser.js';

export interface ControlTimeouts {
  connectMs: number;
  replyMs: number;
  /** NOOP after this long without a command; 0 disables. */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: ControlTimeouts = { connectMs: 20_000, replyMs: 30_000, keepAliveMs: 60_000 };

export interface ControlOptions {
  host: string;
  port: number;
  charset: BufferEncoding;
  logger: ProtocolLogger;
  timeouts: ControlTimeouts;
  /** Implicit FTPS: TLS from the first byte with these options. */
  tls?: ConnectionOptions;
}

interface Waiter {
  resolve(reply: FtpReply): void;
  reject(error: FerryError): void;
  /** Whether the reply timeout runs for this wait (a transfer's final reply waits unarmed). */
  armed: boolean;
}

export class ControlConnection {
  private socket: Socket;
  private readonly parser: ReplyParser;
  private readonly queued: FtpReply[] = [];
  private waiter: Waiter | null = null;
  private failure: FerryError | null = null;
  /** A 421 seen without anyone waiting: the reason the server is about to hang up. */
  private farewell: FerryError | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private closing = false;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private replyTimer: NodeJS.Timeout | null = null;
  private replyTimerMs = 0;
  /** The newest TLS session ticket; TLS 1.3 sends tickets after the handshake. */
  private tlsSession: Buffer | undefined;

  private constructor(
    socket: Socket,
    private readonly options: ControlOptions,
  ) {
    this.socket = socket;
    this.parser = new ReplyParser(options.charset);
    this.attach(socket);
  }

  /** Connects and reads the greeting (220). */
  static async connect(options: ControlOptions): Promise<{ control: ControlConnection; greeting: FtpReply }> {
    const socket = await openSocket(options);
    const control = new ControlConnection(socket, options);
    if (options.tls) control.watchTlsSession(socket as TLSSocket);
    let greeting = await control.nextReply();
    while (greeting.code >= 100 && greeting.code < 200) greeting = await control.nextReply();
    if (greeting.code !== 220) {
      const error = replyError(greeting, 'Connecting');
      control.destroy(error);
      throw error;
    }
    return { control, greeting };
  }

  get closedError(): FerryError | null {
    return this.failure;
  }

  get alive(): boolean {
    return this.failure === null;
  }

  get remoteAddress(): string {
    return this.socket.remoteAddress ?? this.options.host;
  }

  get localAddress(): string {
    return this.socket.localAddress ?? '127.0.0.1';
  }

  get tlsSocket(): TLSSocket | null {
    return 'encrypted' in this.socket ? (this.socket as TLSSocket) : null;
  }

  get latestTlsSession(): Buffer | undefined {
    return this.tlsSession ?? this.tlsSocket?.getSession();
  }

  get logger(): ProtocolLogger {
    return this.options.logger;
  }

  get timeouts(): ControlTimeouts {
    return this.options.timeouts;
  }

  /** Runs tasks one after another: FTP allows one command in flight on a control connection. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      this.busy++;
      try {
        return await task();
      } finally {
        this.busy--;
        this.scheduleKeepAlive();
      }
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Writes one command line. Only call inside `run`. */
  send(command: string): void {
    if (this.failure) throw this.failure;
    assertSafeCommand(command);
    const line = Buffer.from(`${command}\r\n`, this.options.charset);
    // A charset that cannot represent a character (latin1) keeps its low byte: "Ċ" (U+010A)
    // would go out as a line feed the check above never saw, and the rest of the name as a
    // command of its own. What goes on the wire must be exactly what was checked.
    if (line.toString(this.options.charset, 0, line.length - 2) !== command) {
      throw new FerryError(
        'INVALID_ARGUMENT',
        `"${maskCommand(command)}" has characters the site's character set (${this.options.charset}) cannot carry.`,
        { hint: "Rename the file, or set the site's character set to UTF-8.", retryable: false },
      );
    }
    this.options.logger.log('sent', maskCommand(command));
    this.socket.write(line);
  }

  /** The next reply, preliminary (1xx) ones included. timeoutMs 0: wait until armed or forever. */
  nextReply(timeoutMs = this.options.timeouts.replyMs): Promise<FtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.waiter) {
      // Two readers would each think the next reply is theirs; one would wait forever.
      return Promise.reject(new FerryError('INTERNAL', 'Two tasks read the control connection at once.'));
    }
    return new Promise<FtpReply>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, armed: false };
      this.waiter = waiter;
      if (timeoutMs > 0) this.armReplyTimeout(timeoutMs);
    });
  }

  /** Starts the reply timeout of a wait begun with timeout 0 (e.g. once the data has all arrived). */
  armReplyTimeout(timeoutMs = this.options.timeouts.replyMs): void {
    const waiter = this.waiter;
    if (!waiter || waiter.armed) return;
    waiter.armed = true;
    // One timer per connection, restarted in place: a queue waits for three replies per file.
    // It may outlive the wait it was armed for; firing then, it finds no armed waiter and stops.
    if (this.replyTimer && this.replyTimerMs === timeoutMs) {
      this.replyTimer.refresh();
      return;
    }
    if (this.replyTimer) clearTimeout(this.replyTimer);
    this.replyTimerMs = timeoutMs;
    this.replyTimer = setTimeout(() => {
      if (!this.waiter?.armed) return;
      this.destroy(
        new FerryError('TIMEOUT', `The server did not reply within ${Math.round(timeoutMs / 1000)} s.`, {
          hint: 'The server or the network is stalled. Reconnect and try again.',
        }),
      );
    }, timeoutMs);
    // The socket keeps the process alive while a reply is awaited; an idle session must not.
    this.replyTimer.unref();
  }

  /** Sends a command and returns its final (non-1xx) reply. */
  async request(command: string, timeoutMs?: number): Promise<FtpReply> {
    this.send(command);
    let reply = await this.nextReply(timeoutMs);
    while (reply.code < 200) reply = await this.nextReply(timeoutMs);
    return reply;
  }

  /** Like `request`, but a reply that is not 2xx/3xx becomes a FerryError. */
  async expect(command: string, action: string): Promise<FtpReply> {
    const reply = await this.request(command);
    if (reply.code >= 400) throw replyError(reply, action);
    return reply;
  }

  /** Explicit FTPS: after `AUTH TLS` → 234, the same TCP connection continues as TLS. */
  async upgradeToTls(options: ConnectionOptions): Promise<TLSSocket> {
    // Anything that arrived after the 234 came in plain text, where anyone on the path could
    // have written it: taken as replies over TLS, it would answer the commands sent there.
    if (this.queued.length > 0 || this.parser.holdsPartial) {
      const error = new FerryError('TLS', 'The server sent more after agreeing to TLS, in plain text.', {
        hint: 'Someone on the network may be injecting replies. Do not trust this connection.',
        retryable: false,
      });
      this.destroy(error);
      throw error;
    }
    const plain = this.socket;
    this.detach(plain);
    const secure = await handshake({ ...options, socket: plain }, this.options.timeouts.connectMs);
    this.socket = secure;
    this.attach(secure);
    this.watchTlsSession(secure);
    return secure;
  }

  /** Ends the session: QUIT politely when idle, then the socket. Later calls fail with `reason`. */
  async close(): Promise<void> {
    if (this.failure) return;
    this.closing = true;
    this.stopKeepAlive();
    if (this.busy === 0) {
      try {
        await this.run(() => this.request('QUIT', 2000));
      } catch {
        // The server may hang up before answering QUIT; that is a normal goodbye.
      }
    }
    this.destroy(new FerryError('CONNECTION_LOST', 'The session was closed.', { retryable: false }));
  }

  /** Kills the connection, keeping the first reason. */
  destroy(reason: FerryError): void {
    if (!this.failure) {
      this.failure = reason;
      if (reason.message !== 'The session was closed.') this.options.logger.log('error', reason.message);
    }
    this.stopKeepAlive();
    const waiter = this.waiter;
    this.waiter = null;
    if (this.replyTimer) clearTimeout(this.replyTimer);
    waiter?.reject(this.failure);
    this.socket.destroy();
  }

  private watchTlsSession(socket: TLSSocket): void {
    socket.on('session', (session: Buffer) => {
      this.tlsSession = session;
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    let replies: FtpReply[];
    try {
      replies = this.parser.push(chunk);
    } catch (error) {
      this.destroy(error as FerryError);
      return;
    }
    for (const reply of replies) {
      this.logReply(reply);
      const waiter = this.waiter;
      if (waiter) {
        this.waiter = null;
        waiter.resolve(reply);
      } else {
        if (reply.code === 421) this.farewell = replyError(reply, 'The session');
        this.queued.push(reply);
      }
    }
  };

  /** One log line per reply line, as the server wrote them (`211-Features:` … `211 End`). */
  private logReply(reply: FtpReply): void {
    // Nearly every reply is one line: no array for it (a queue logs a few replies per file).
    if (!reply.text.includes('\n')) {
      this.options.logger.log('received', `${reply.code} ${reply.text}`);
      return;
    }
    const lines = reply.text.split('\n');
    const last = lines.length - 1;
    for (let i = 0; i <= last; i++) {
      const text =
        i === 0
          ? `${reply.code}${last === 0 ? ' ' : '-'}${lines[0]}`
          : i === last
            ? `${reply.code} ${lines[i]}`
            : lines[i];
      this.options.logger.log('received', text as string);
    }
  }

  private readonly onError = (error: Error): void => {
    this.destroy(
      this.farewell ??
        new FerryError('CONNECTION_LOST', `The control connection failed: ${error.message}.`, {
          cause: error,
          hint: 'The network or the server dropped the connection. Reconnect and try again.',
        }),
    );
  };

  private readonly onClose = (): void => {
    this.destroy(
      this.farewell ??
        new FerryError('CONNECTION_LOST', 'The server closed the connection.', {
          hint: 'The server may have restarted or timed out the session. Reconnect and try again.',
        }),
    );
  };

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  /**
   * (Re)starts the idle countdown after a task. One timer per connection, restarted in place:
   * a queue runs a task per file, and a new timer each time was measurable.
   */
  private scheduleKeepAlive(): void {
    const every = this.options.timeouts.keepAliveMs;
    if (every <= 0 || this.busy > 0 || this.failure || this.closing) return;
    if (this.keepAliveTimer) {
      this.keepAliveTimer.refresh();
      return;
    }
    this.keepAliveTimer = setTimeout(() => {
      // Tasks queued or running count as activity; the last one restarts the countdown.
      if (this.busy > 0) return;
      this.keepAliveTimer = null;
      // A keep-alive that fails has already recorded why the connection died.
      this.run(() => this.request('NOOP')).catch(() => undefined);
    }, every);
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = null;
  }
}

function openSocket(options: ControlOptions): Promise<Socket> {
  const { host, port } = options;
  if (options.tls) return handshake({ ...options.tls, host, port }, options.timeouts.connectMs);
  return new Promise<Socket>((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(connectTimeout(host, port, options.timeouts.connectMs));
    }, options.timeouts.connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setKeepAlive(true, 30_000);
      socket.setNoDelay(true);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(connectFailed(host, port, error));
    });
  });
}

/** A TLS client handshake (on a new TCP connection or an existing socket) with a deadline. */
export function handshake(options: ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise<TLSSocket>((resolve, reject) => {
    const socket = tlsConnect({ minVersion: 'TLSv1.2', ...options, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new FerryError(
          'TIMEOUT',
          `The TLS handshake did not finish within ${Math.round(timeoutMs / 1000)} s.`,
          {
            hint: 'Check that the port speaks TLS (implicit FTPS is usually port 990, explicit FTPS port 21).',
          },
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EHOSTUNREACH'
          ? connectFailed(String(options.host), Number(options.port), error)
          : new FerryError('TLS', `The TLS handshake failed: ${error.message}.`, {
              cause: error,
              hint: 'The server may not speak TLS on this port, or only offers TLS older than 1.2.',
            }),
      );
    });
  });
}

function connectFailed(host: string, port: number, error: NodeJS.ErrnoException): FerryError {
  const hint =
    error.code === 'ENOTFOUND'
      ? 'The host name does not resolve; check its spelling.'
      : error.code === 'ECONNREFUSED'
        ? 'Nothing listens on that port; check the port and that the server runs.'
        : 'Check the host, port and your network.';
  return new FerryError('CONNECTION_FAILED', `Cannot connect to ${host}:${port}: ${error.message}.`, {
    cause: error,
    hint,
  });
}

function connectTimeout(host: string, port: number, ms: number): FerryError {
  return new FerryError(
    'TIMEOUT',
    `Connecting to ${host}:${port} took longer than ${Math.round(ms / 1000)} s.`,
    {
      hint: 'A firewall may be dropping the connection, or the host is down.',
    },
  );
}
