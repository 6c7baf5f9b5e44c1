/**
 * The kept data socket (data-socket-slot.ts) against a real TCP server on 127.0.0.1: each
 * connection reads through the current user's `onread`, a cleanly closed socket is connected
 * again, and one that failed or is still closing is replaced rather than shared.
 */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSocketSlot, type DataSocketUser } from '../../../src-main/ftp/data-socket-slot.js';

/** Serves whatever the next connection is told to do. */
let behaviour: (socket: Socket) => void = (socket) => socket.end();
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((socket) => behaviour(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

interface Collector {
  user: DataSocketUser;
  /** The socket the slot connected for this user, as a data channel would attach it. */
  socket: Socket | null;
  received(): Buffer;
  events: string[];
  closed: Promise<void>;
}

/** A user that collects what arrives, closes at the end and resolves once the socket has closed. */
function collector(): Collector {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  let done: () => void = () => undefined;
  const result: Collector = {
    socket: null,
    events: [],
    received: () => Buffer.concat(chunks),
    closed: new Promise<void>((resolve) => (done = resolve)),
    user: {
      onread: {
        buffer: () => buffer,
        callback: (bytes, into) => {
          chunks.push(Buffer.from(into.subarray(0, bytes)));
          return true;
        },
      },
      connected: () => result.events.push('connected'),
      ended: () => {
        result.events.push('ended');
        result.socket?.destroy();
      },
      failed: (error) =>
        result.events.push(`failed ${(error as NodeJS.ErrnoException).code ?? error.message}`),
      closed: () => {
        result.events.push('closed');
        done();
      },
    },
  };
  return result;
}

function fetch(slot: DataSocketSlot): { socket: Socket; result: Collector } {
  const result = collector();
  const socket = slot.connect('127.0.0.1', port, result.user);
  result.socket = socket;
  return { socket, result };
}

describe('DataSocketSlot', () => {
  it('connects one socket again and again, each time reading into the current user', async () => {
    const slot = new DataSocketSlot(1024 * 1024);
    const sockets = new Set<Socket>();
    for (let i = 0; i < 5; i++) {
      const body = Buffer.alloc(1000 + i * 5000, i + 1);
      behaviour = (socket) => socket.end(body);
      const { socket, result } = fetch(slot);
      sockets.add(socket);
      await result.closed;
      expect(result.received().equals(body)).toBe(true);
      expect(result.events).toEqual(['connected', 'ended', 'closed']);
    }
    expect(sockets.size).toBe(1);
    expect(slot.socketsBuilt).toBe(1);
    // Every use took its listeners with it: none pile up on the kept socket.
    const [kept] = [...sockets];
    expect(kept!.listenerCount('timeout')).toBe(0);
    expect(kept!.listenerCount('error')).toBe(1);
  });

  it('replaces a socket that failed, and the failure reaches only its own user', async () => {
    const slot = new DataSocketSlot(1024 * 1024);
    behaviour = (socket) => socket.resetAndDestroy();
    const first = fetch(slot);
    await first.result.closed;
    expect(first.result.events.some((event) => event.startsWith('failed'))).toBe(true);

    const body = Buffer.from('after the reset');
    behaviour = (socket) => socket.end(body);
    const second = fetch(slot);
    await second.result.closed;
    expect(second.socket).not.toBe(first.socket);
    expect(second.result.received().toString()).toBe('after the reset');
    expect(second.result.events).toEqual(['connected', 'ended', 'closed']);
    expect(slot.socketsBuilt).toBe(2);
  });

  it('never hands out a socket that has not closed yet', async () => {
    const slot = new DataSocketSlot(1024 * 1024);
    // The server keeps the first connection open: its socket stays busy.
    let held: Socket | null = null;
    behaviour = (socket) => (held = socket);
    const busy = fetch(slot);
    await new Promise((resolve) => setTimeout(resolve, 50));
    behaviour = (socket) => socket.end('second');
    const second = fetch(slot);
    await second.result.closed;
    expect(second.socket).not.toBe(busy.socket);
    expect(second.result.received().toString()).toBe('second');
    expect(busy.result.events).toEqual(['connected']);
    (held as Socket | null)?.end('first');
    await busy.result.closed;
    expect(busy.result.received().toString()).toBe('first');
  });
});
