/**
 * Web mode: the same service Electron's IPC exposes, on a loopback HTTP + WebSocket server.
 * Guarded three ways: it binds to loopback only, every request carries a random token,
 * and the WebSocket accepts only our own page's Origin (so no other site in the user's
 * browser can drive it, even though it runs on localhost).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FerryApi } from '../../src-shared/contract.js';
import type { ServerMessage } from '../../src-shared/wire.js';
import { dispatchCall } from '../service/dispatch.js';
import type { EventBus } from '../service/event-bus.js';
import { allowedOrigins, assertLoopbackHost } from './loopback.js';
import { serveStatic } from './static-files.js';

export interface WebServerOptions {
  api: FerryApi;
  bus: EventBus;
  rendererRoot: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface RunningWebServer {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const http: Server = createServer((req, res) => {
    if (!hasToken(req, token) && !isAsset(req)) {
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('Ferry web mode: open the URL printed at start-up.');
      return;
    }
    serveStatic(options.rendererRoot, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const origins = allowedOrigins(host, port);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    if (url.pathname !== '/rpc' || !hasToken(req, token) || !origin || !origins.has(origin)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.api, options.bus));
  });

  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

function serveSocket(ws: WebSocket, api: FerryApi, bus: EventBus): void {
  const send = (message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribe((event) => send({ t: 'event', event }));
  ws.on('close', unsubscribe);
  // A frame ws cannot accept (invalid UTF-8, over the size limit) is an 'error' on this socket:
  // it ends this connection, never the process with every session and transfer in it.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isCall(message)) return;
    void dispatchCall(api, message.id, message.method, message.args).then(send);
  });
}

function isCall(value: unknown): value is { t: 'call'; id: number; method: unknown; args: unknown } {
  const v = value as { t?: unknown; id?: unknown };
  return typeof value === 'object' && value !== null && v.t === 'call' && Number.isSafeInteger(v.id);
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page's own scripts and styles are requested without the query string. */
function isAsset(req: IncomingMessage): boolean {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  return pathname.startsWith('/assets/') || pathname === '/favicon.ico' || pathname === '/icon.svg';
}
