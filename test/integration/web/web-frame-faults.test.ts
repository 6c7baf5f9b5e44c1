/**
 * One bad WebSocket frame from an authenticated client (invalid UTF-8, over the size limit)
 * was an uncaught 'error' that took down the process hosting web mode, with every session
 * and transfer in it; now it closes that socket only. The server runs in a child
 * process so that its crash, if any, is observed as an exit rather than as a vitest error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let child: ChildProcess | null = null;
const temps: string[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function startServerProcess(): Promise<{ port: number; token: string; exited: Promise<string> }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ferry-review-ws-'));
  temps.push(tmp);
  const root = path.join(tmp, 'renderer');
  await mkdir(root);
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Ferry</title>');
  const script = path.join(tmp, 'server.mts');
  await writeFile(
    script,
    `
import { startWebServer } from ${JSON.stringify(path.join(repo, 'src-main/web/web-server.ts'))};
import { EventBus } from ${JSON.stringify(path.join(repo, 'src-main/service/event-bus.ts'))};
const api = new Proxy({}, { get: () => async () => 'ok' });
const server = await startWebServer({ api, bus: new EventBus(), rendererRoot: ${JSON.stringify(root)}, token: 't'.repeat(32) });
console.log('READY ' + server.port);
`,
  );
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<string>((resolve) =>
    proc.once('exit', (code) => resolve(`exited ${code}: ${/^.*Error.*$/m.exec(stderr)?.[0] ?? stderr}`)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`server exited early: ${stderr}`)));
  });
  return { port, token: 't'.repeat(32), exited };
}

/** A raw client: completes the handshake, then writes whatever bytes the test chooses. */
function rawUpgrade(port: number, token: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /rpc?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('error', reject);
    socket.once('data', (d) =>
      d.toString().startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(d.toString())),
    );
  });
}

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

async function stillServing(port: number, token: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
    return res.status === 200;
  } catch {
    return false;
  }
}

describe('web mode survives malformed WebSocket frames', () => {
  it('a text frame with invalid UTF-8 closes that socket, not the whole server', async () => {
    const { port, token, exited } = await startServerProcess();
    const socket = await rawUpgrade(port, token);
    socket.on('error', () => undefined);
    socket.write(maskedFrame(0x1, Buffer.from([0xff, 0xfe, 0xfd])));
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 1500))]);
    socket.destroy();
    expect(outcome).toBe('alive');
    expect(await stillServing(port, token)).toBe(true);
  });

  it('a frame announcing more than maxPayload closes that socket, not the whole server', async () => {
    const { port, token, exited } = await startServerProcess();
    const socket = await rawUpgrade(port, token);
    socket.on('error', () => undefined);
    // FIN+text, MASK + 127 => 64-bit length: 128 MiB, more than the 64 MiB limit.
    const header = Buffer.alloc(2 + 8 + 4);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(128n * 1024n * 1024n, 2);
    socket.write(header);
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 1500))]);
    socket.destroy();
    expect(outcome).toBe('alive');
    expect(await stillServing(port, token)).toBe(true);
  });
});

describe('web mode survives a large call the contract allows', () => {
  it('sites.importFileZilla with 40 M characters (contract max: 50 M) does not kill the server', async () => {
    const { default: WebSocket } = await import('ws');
    const { port, token, exited } = await startServerProcess();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, {
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    // A sitemanager.xml with non-ASCII comments: 40 M UTF-16 characters, about 80 MB of UTF-8.
    const xml =
      '<FileZilla3><Servers><Server><Comments>' +
      'é'.repeat(40_000_000) +
      '</Comments></Server></Servers></FileZilla3>';
    ws.send(JSON.stringify({ t: 'call', id: 1, method: 'sites.importFileZilla', args: [xml] }));
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 5000))]);
    ws.terminate();
    expect(outcome).toBe('alive');
    expect(await stillServing(port, token)).toBe(true);
  });
});
