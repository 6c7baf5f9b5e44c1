/**
 * The cause of a 1-in-20 flake in cli-ftp.test.ts, pinned down against the harness's real
 * pyftpdlib: pyftpdlib 1.5.7's ActiveDTP hands its connected socket to a DTPHandler but keeps
 * the fd number; when that session ends (QUIT) it unregisters the number from the IO loop,
 * although the transfer has long closed the fd and another client's socket may now hold it.
 * That client is never polled again: its next command gets no reply (a CLI exits 5 after
 * 30 s). The harness's server script works around it; this test replays the exact sequence.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { ControlConnection, type ControlTimeouts } from '../../../src-main/ftp/control-connection.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';

// Every step is one short round trip on the loopback: 10 s only fails when the bug is back.
const TIMEOUTS: ControlTimeouts = { connectMs: 10_000, replyMs: 10_000, keepAliveMs: 0 };

let server: RunningServer;

beforeAll(async () => {
  server = await startServer('pyftpdlib');
  await server.writeFile('listed.txt', 'x');
});
afterAll(async () => {
  await server?.dispose();
});

async function login(): Promise<ControlConnection> {
  const { control } = await ControlConnection.connect({
    host: server.host,
    port: server.port,
    charset: 'utf8',
    logger: silentLogger,
    timeouts: TIMEOUTS,
  });
  await control.run(async () => {
    await control.expect(`USER ${server.user}`, 'USER');
    await control.expect(`PASS ${server.password}`, 'PASS');
  });
  return control;
}

/** Listens for the server's active-mode data connection and collects what it sends. */
function dataListener(): Promise<{ listener: Server; port: number; received: Promise<string> }> {
  const listener = createServer();
  const received = new Promise<string>((resolve) => {
    listener.once('connection', (socket: Socket) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
    });
  });
  return new Promise((resolve) => {
    listener.listen(0, '127.0.0.1', () => {
      const address = listener.address();
      resolve({ listener, port: typeof address === 'object' && address ? address.port : 0, received });
    });
  });
}

it('a session that used active mode and quits leaves later clients answered (pyftpdlib fd reuse)', async () => {
  // A: EPRT, then a listing over the active connection. When it ends, pyftpdlib closes the
  // data socket: its fd number is now free, and still remembered by A's ActiveDTP.
  const first = await login();
  const { listener, port, received } = await dataListener();
  try {
    await first.run(async () => {
      await first.expect(`EPRT |1|127.0.0.1|${port}|`, 'EPRT');
      first.send('NLST /');
      const opening = await first.nextReply();
      expect(opening.code).toBeLessThan(200);
      expect(await received).toContain('listed.txt');
      expect((await first.nextReply()).code).toBe(226);
    });
  } finally {
    listener.close();
  }

  // B connects: the kernel gives its socket the lowest free fd, the one the transfer freed.
  const second = await login();
  // A quits: with the bug, closing A's ActiveDTP unregisters B's fd from pyftpdlib's loop.
  await first.close();

  const reply = await second.run(() => second.request('NOOP'));
  expect(reply.code).toBe(200);
  await second.close();
});
