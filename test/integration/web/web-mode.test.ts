import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../src-shared/wire.js';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/web-server.js';

let app: FerryApp;
let server: RunningWebServer;
let rendererRoot: string;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ferry-web-'));
  rendererRoot = path.join(tmp, 'renderer');
  await mkdir(rendererRoot);
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Ferry</title>');
  app = await createApp({ mode: 'web', configDir: path.join(tmp, 'config') });
  server = await startWebServer({ api: app.api, bus: app.bus, rendererRoot });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
});

function origin(): string {
  return `http://127.0.0.1:${server.port}`;
}

function openSocket(query: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown[]): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.t === 'reply' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, method, args }));
  });
}

describe('web mode transport', () => {
  it('listens on loopback only and refuses to bind elsewhere', async () => {
    expect(server.host).toBe('127.0.0.1');
    await expect(
      startWebServer({ api: app.api, bus: app.bus, rendererRoot, host: '0.0.0.0' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('serves the page only with the token, with the CSP header', async () => {
    const denied = await fetch(`${origin()}/`);
    expect(denied.status).toBe(403);
    const page = await fetch(`${origin()}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${origin()}/..%2f..%2fetc%2fpasswd?token=${server.token}`);
    expect([403, 404]).toContain(res.status);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(openSocket('', { origin: origin() })).rejects.toThrow(/403/);
    await expect(openSocket(`?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
    await expect(openSocket(`?token=wrong${server.token}`, { origin: origin() })).rejects.toThrow(/403/);
  });

  it('answers a real call and validates arguments against the contract', async () => {
    const ws = await openSocket(`?token=${server.token}`, { origin: origin() });
    try {
      const listing = await call(ws, 1, 'fs.list', ['local', tmp]);
      expect(listing).toMatchObject({ ok: true });
      const names = (listing as { value: { entries: { name: string }[] } }).value.entries.map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(['renderer', 'config']));

      const badArgs = await call(ws, 2, 'fs.list', ['local', 'a\0b']);
      expect(badArgs).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

      const unknown = await call(ws, 3, 'fs.formatDisk', []);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

      const missing = await call(ws, 4, 'fs.list', ['local', path.join(tmp, 'nope')]);
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      ws.close();
    }
  });
});
