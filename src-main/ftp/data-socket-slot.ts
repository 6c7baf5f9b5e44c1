/**
 * The plain data socket of one control connection, connected again for each direct download
 * instead of built anew. Building a net.Socket (a Duplex with both stream states) took about
 * 5 % of the main thread in a mirror of 1,000 small files, once per file; Node supports calling
 * connect() again on a socket that has emitted 'close'.
 *
 * Such a socket reads through the one `onread` it was built with, and keeps its listeners, so
 * both are added once and forward to whichever transfer holds the socket now.
 */
import { Socket, type SocketConstructorOpts } from 'node:net';

/** Node's `onread` socket option: reads go into the buffers it hands out, not into 'data' events. */
export interface OnRead {
  buffer: () => Buffer;
  callback: (bytes: number, buffer: Buffer) => boolean;
}

/** What the transfer holding the socket hears of it. */
export interface DataSocketUser {
  readonly onread: OnRead;
  connected(): void;
  ended(): void;
  failed(error: Error): void;
  closed(): void;
}

interface Held {
  socket: Socket;
  user: DataSocketUser | null;
  /** Closed cleanly: it may connect again. */
  reusable: boolean;
}

export class DataSocketSlot {
  private held: Held | null = null;
  private made = 0;

  constructor(private readonly highWaterMark: number) {}

  /** Sockets built so far (the rest of the connections reused one). */
  get socketsBuilt(): number {
    return this.made;
  }

  /** Connects the kept socket for `user`, or a new one while the kept one is busy or broke. */
  connect(host: string, port: number, user: DataSocketUser): Socket {
    let held = this.held;
    if (!held?.reusable) {
      held = this.build();
      this.held = held;
    }
    held.reusable = false;
    // Before connect(): Node asks the `onread` for its first buffer as the connection opens.
    held.user = user;
    return held.socket.connect(port, host);
  }

  private build(): Held {
    this.made++;
    const onread: OnRead = {
      buffer: () => (held.user as DataSocketUser).onread.buffer(),
      callback: (bytes, buffer) => (held.user as DataSocketUser).onread.callback(bytes, buffer),
    };
    // highWaterMark reaches the Duplex constructor at run time, though @types/node omits it. A
    // direct download closes its socket itself at the end of the file (see DirectReader).
    const socket = new Socket({
      onread,
      allowHalfOpen: true,
      highWaterMark: this.highWaterMark,
    } as SocketConstructorOpts);
    const held: Held = { socket, user: null, reusable: false };
    let failed = false;
    socket.on('connect', () => held.user?.connected());
    socket.on('end', () => held.user?.ended());
    // Also what keeps a reset between transfers from being an uncaught exception.
    socket.on('error', (error) => {
      failed = true;
      held.user?.failed(error);
    });
    socket.on('close', () => {
      const user = held.user;
      held.user = null;
      // After an error the socket is not trusted again; the next transfer gets a new one.
      held.reusable = !failed;
      user?.closed();
    });
    return held;
  }
}
