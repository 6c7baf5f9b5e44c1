/**
 * Active mode with a port range. listen() starts at a random port of the range and
 * walks upwards only; when the ports above the starting point are taken it reports "No free
 * port between low and high" although ports below the starting point are free.
 */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { FakeFtpServer, connectToFake } from './fake-ftp-server.js';
import { RecordingLogger } from './ftp-test-kit.js';

const held: Server[] = [];
let fake: FakeFtpServer | null = null;

afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  fake?.close();
  for (const server of held) server.close();
});

async function tryListen(port: number): Promise<Server | null> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen({ host: '127.0.0.1', port }, () => resolve(server));
  });
}

/** A range of `size` ports whose lowest is free and all others are held by this test. */
async function mostlyTakenRange(size: number): Promise<[number, number]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const low = 40000 + Math.floor(Math.random() * 15000);
    const servers: Server[] = [];
    const probe = await tryListen(low);
    if (!probe) continue;
    let ok = true;
    for (let port = low + 1; port < low + size; port++) {
      const server = await tryListen(port);
      if (!server) {
        ok = false;
        break;
      }
      servers.push(server);
    }
    probe.close();
    await once(probe, 'close');
    if (ok) {
      held.push(...servers);
      return [low, low + size - 1];
    }
    for (const server of servers) server.close();
  }
  throw new Error('no port range found');
}

it.each([
  ['the bottom (control)', 0],
  ['the top, as it does 9 times in 10 here', 0.999],
])('active mode finds the free port of a range when the random start is %s', async (_label, random) => {
  fake?.close();
  const range = await mostlyTakenRange(10);
  fake = await FakeFtpServer.start((verb, argument, session) => {
    if (verb === 'EPRT') {
      const [, , host, port] = argument.split('|');
      const data = connect({ host: host!, port: Number(port) });
      data.on('error', () => undefined);
      data.once('connect', () => {
        session.reply('200 EPRT ok');
        // LIST arrives next: answer on this socket.
        (session as unknown as { active: typeof data }).active = data;
      });
      return true;
    }
    if (verb === 'LIST' || verb === 'NLST') {
      const data = (session as unknown as { active?: Socket }).active;
      if (!data) return false;
      session.reply('150 listing');
      data.end('-rw-r--r-- 1 u g 5 Jan 01 2024 file.txt\r\n', () => session.reply('226 done'));
      return true;
    }
    return false;
  });
  vi.spyOn(Math, 'random').mockReturnValue(random);
  const logger = new RecordingLogger();
  const fs = await connectToFake(
    fake,
    { transferMode: 'active' },
    { logger, options: { activePortRange: range } },
  );
  try {
    const entries = await fs.list('/').catch((error: unknown) => error);
    expect(entries, `range ${range.join('-')}, port ${range[0]} free; log:\n${logger.text()}`).toEqual([
      expect.objectContaining({ name: 'file.txt' }),
    ]);
  } finally {
    await fs.close().catch(() => undefined);
  }
});
