import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../src-shared/wire.js';
import {
  createSocketTransport,
  socketUrlFromLocation,
  type SocketLike,
} from '../../../src-renderer/api/socket-transport.js';

/** A scripted socket: the test opens, closes and answers it by hand (the transport's state machine is what is tested). */
class ScriptedSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners: { [k: string]: ((e: { data: unknown }) => void)[] } = {
    open: [],
    close: [],
    message: [],
  };
  addEventListener(type: string, listener: (e: { data: unknown }) => void): void {
    this.listeners[type]?.push(listener);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  open(): void {
    this.readyState = 1;
    this.listeners.open?.forEach((l) => l({ data: null }));
  }
  close(): void {
    this.readyState = 3;
    this.listeners.close?.forEach((l) => l({ data: null }));
  }
  receive(message: ServerMessage): void {
    this.listeners.message?.forEach((l) => l({ data: JSON.stringify(message) }));
  }
}

function setup() {
  const sockets: ScriptedSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const transport = createSocketTransport('ws://127.0.0.1:1/rpc?token=t', {
    open: () => {
      const s = new ScriptedSocket();
      sockets.push(s);
      return s;
    },
    setTimer: (callback, ms) => timers.push({ callback, ms }),
  });
  return { transport, sockets, timers, current: () => sockets[sockets.length - 1]! };
}

describe('socket transport', () => {
  it('holds calls until the socket opens, then sends them and resolves replies by id', async () => {
    const { transport, current } = setup();
    expect(transport.linkState()).toBe('connecting');
    const reply = transport.call('session.list', []);
    expect(current().sent).toEqual([]);
    current().open();
    expect(transport.linkState()).toBe('open');
    const sent = JSON.parse(current().sent[0]!) as { id: number; method: string };
    expect(sent.method).toBe('session.list');
    current().receive({ t: 'reply', id: sent.id, ok: true, value: [] });
    await expect(reply).resolves.toEqual({ t: 'reply', id: sent.id, ok: true, value: [] });
  });

  it('fails calls in flight with CONNECTION_LOST when the socket drops, and reconnects with back-off', async () => {
    const { transport, sockets, timers, current } = setup();
    current().open();
    const states: string[] = [];
    transport.onLinkState((s) => states.push(s));
    const inFlight = transport.call('fs.list', ['local', '/']);
    current().close();
    const reply = await inFlight;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('CONNECTION_LOST');
    expect(states).toEqual(['reconnecting']);
    expect(timers.map((t) => t.ms)).toEqual([250]);

    // A call made while down waits for the new socket instead of failing.
    const later = transport.call('app.info', []);
    timers[0]!.callback();
    expect(sockets).toHaveLength(2);
    current().open();
    expect(states).toEqual(['reconnecting', 'open']);
    const sent = JSON.parse(current().sent[0]!) as { id: number; method: string };
    expect(sent.method).toBe('app.info');
    current().receive({ t: 'reply', id: sent.id, ok: true, value: 'x' });
    await expect(later).resolves.toMatchObject({ ok: true, value: 'x' });
  });

  it('delivers events and ignores junk frames', () => {
    const { transport, current } = setup();
    current().open();
    const seen: string[] = [];
    transport.onEvent((e) => seen.push(e.type));
    current().receive({ t: 'event', event: { type: 'session-closed', sessionId: 'a' } });
    (
      current() as unknown as { listeners: { message: ((e: { data: unknown }) => void)[] } }
    ).listeners.message.forEach((l) => l({ data: '{not json' }));
    expect(seen).toEqual(['session-closed']);
  });

  it('builds the socket URL from the page URL and its token', () => {
    expect(socketUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:8080', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:8080/rpc?token=a%2Bb',
    );
    expect(socketUrlFromLocation({ protocol: 'http:', host: '[::1]:9', search: '' })).toBe(
      'ws://[::1]:9/rpc?token=',
    );
  });
});
