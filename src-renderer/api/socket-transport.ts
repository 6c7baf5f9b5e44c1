import type { FerryEvent } from '../../src-shared/events.js';
import type { MethodName } from '../../src-shared/contract.js';
import type { CallMessage, ReplyMessage, ServerMessage } from '../../src-shared/wire.js';
import type { LinkState, Transport } from './transport.js';

interface Pending {
  resolve: (reply: ReplyMessage) => void;
}

const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/** The part of the browser's WebSocket this transport uses; tests pass a scripted stand-in. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface SocketDeps {
  open(url: string): SocketLike;
  setTimer(callback: () => void, ms: number): void;
}

/** WebSocket.OPEN */
const OPEN = 1;

/**
 * Web mode: one WebSocket to main's loopback server. Calls made while the socket is down
 * wait for it; calls in flight when it drops fail with CONNECTION_LOST, since main may or
 * may not have run them and only the caller knows whether retrying is safe.
 */
export function createSocketTransport(url: string, deps: SocketDeps): Transport {
  const pending = new Map<number, Pending>();
  const waiting: CallMessage[] = [];
  const eventListeners = new Set<(event: FerryEvent) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let state: LinkState = 'connecting';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;

  const setState = (next: LinkState): void => {
    if (next === state) return;
    state = next;
    for (const listener of linkListeners) listener(next);
  };

  const failInFlight = (): void => {
    for (const [id, entry] of pending) {
      if (waiting.some((message) => message.id === id)) continue;
      entry.resolve({
        t: 'reply',
        id,
        ok: false,
        error: {
          code: 'CONNECTION_LOST',
          message: 'The connection to Ferry was lost before the answer came back.',
          hint: 'Ferry reconnects by itself; try the action again once the banner is gone.',
          retryable: true,
        },
      });
      pending.delete(id);
    }
  };

  const onMessage = (raw: string): void => {
    let message: ServerMessage;
    try {
      message = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    if (message.t === 'reply') {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      entry?.resolve(message);
    } else if (message.t === 'event') {
      for (const listener of eventListeners) listener(message.event);
    }
  };

  const open = (): void => {
    const ws = deps.open(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      setState('open');
      for (const message of waiting.splice(0)) ws.send(JSON.stringify(message));
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') onMessage(event.data);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      failInFlight();
      setState('reconnecting');
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 4000;
      attempt += 1;
      deps.setTimer(open, delay);
    });
  };

  open();

  return {
    call(method: MethodName, args: unknown[]): Promise<ReplyMessage> {
      // JSON writes a trailing undefined argument as null, which means something else to
      // main (sites.save: null deletes the saved password; queue.pause rejects it): leave
      // omitted arguments out, as Electron's IPC keeps them undefined.
      let end = args.length;
      while (end > 0 && args[end - 1] === undefined) end--;
      const message: CallMessage = { t: 'call', id: nextId++, method, args: args.slice(0, end) };
      return new Promise<ReplyMessage>((resolve) => {
        pending.set(message.id, { resolve });
        if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
        else waiting.push(message);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    linkState: () => state,
  };
}

/** `ws://<same host>/rpc?token=…`, the token taken from the page's own URL. */
export function socketUrlFromLocation(location: { search: string; protocol: string; host: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
