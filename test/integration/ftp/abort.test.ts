/**
 * ABOR in the orders servers really use (RFC 959 §4.1.3): 426 then 226, or 226 alone; and a
 * server that ignores ABOR, after which the next call reconnects transparently. Real-server
 * ABOR is covered in transfers.test.ts; these fakes pin down the reply orders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectToFake, FakeFtpServer, streamForever, type FakeHandler } from './fake-ftp-server.js';
import { BufferSink, RecordingLogger } from './ftp-test-kit.js';

const fakes: FakeFtpServer[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.close();
});

async function abortedDownload(onAbor: FakeHandler, replyMs = 30_000) {
  const silenced = new WeakSet<object>();
  const fake = await FakeFtpServer.start((verb, argument, session) => {
    if (silenced.has(session.control)) return true;
    if (verb === 'ABOR' && !onAbor(verb, argument, session)) {
      // This server hangs after ABOR: it answers nothing on this connection any more.
      silenced.add(session.control);
      return true;
    }
    if (verb === 'ABOR') return true;
    if (verb === 'RETR') {
      session.reply('150 sending');
      void session.data().then(streamForever);
      return true;
    }
    return false;
  });
  fakes.push(fake);
  const logger = new RecordingLogger();
  const fs = await connectToFake(fake, {}, { logger, options: { timeouts: { replyMs } } });
  const controller = new AbortController();
  const error = await fs
    .download('/big', new BufferSink(), {
      signal: controller.signal,
      onProgress: (bytes) => {
        if (bytes > 256 * 1024) controller.abort();
      },
    })
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'CANCELLED' });
  return { fake, fs, logger };
}

describe('ABOR', () => {
  it('426 then 226: the same session lists afterwards', async () => {
    const { fake, fs } = await abortedDownload((_verb, _argument, session) => {
      session.reply('426 Transfer aborted');
      session.reply('226 ABOR successful');
      return true;
    });
    expect(fs.connected).toBe(true);
    expect((await fs.list('/')).map((entry) => entry.name)).toEqual(['file.txt']);
    expect(fake.connections).toBe(1);
    await fs.close();
  });

  it('226 alone: the same session lists afterwards', async () => {
    const { fake, fs } = await abortedDownload((_verb, _argument, session) => {
      session.reply('226 Closing data connection');
      return true;
    });
    expect((await fs.list('/')).map((entry) => entry.name)).toEqual(['file.txt']);
    expect(fake.connections).toBe(1);
    await fs.close();
  });

  it('a server that ignores ABOR is dropped and the next call reconnects transparently', async () => {
    const { fake, fs, logger } = await abortedDownload(() => false, 500);
    expect((await fs.list('/')).map((entry) => entry.name)).toEqual(['file.txt']);
    expect(fake.connections).toBe(2);
    expect(logger.text()).toMatch(/Reconnecting/);
    await fs.close();
  });
});

describe('auto mode', () => {
  it('switches to active after passive fails with 425, and remembers it', async () => {
    const fake = await FakeFtpServer.start((verb, argument, session) => {
      if (verb === 'EPSV') {
        session.reply('425 Cannot open passive connection');
        return true;
      }
      if (verb === 'EPRT') {
        const [, , host, port] = argument.split('|');
        session.reply('200 EPRT ok');
        (session as { activeTarget?: { host: string; port: number } }).activeTarget = {
          host: host!,
          port: Number(port),
        };
        return true;
      }
      if (verb === 'RETR') {
        session.reply('150 sending');
        const target = (session as { activeTarget?: { host: string; port: number } }).activeTarget!;
        void import('node:net').then(({ connect }) => {
          const socket = connect(target.port, target.host, () => {
            socket.end('active data', () => session.reply('226 done'));
          });
        });
        return true;
      }
      return false;
    });
    fakes.push(fake);
    const logger = new RecordingLogger();
    const fs = await connectToFake(fake, { transferMode: 'auto' }, { logger });
    for (let i = 0; i < 2; i++) {
      const sink = new BufferSink();
      await fs.download('/f', sink);
      expect(sink.data.toString()).toBe('active data');
    }
    expect(logger.text()).toMatch(/switching to active mode/);
    expect(fake.commands.filter((command) => command === 'EPSV' || command === 'PASV')).toEqual([
      'EPSV',
      'PASV',
    ]);
    expect(fs.session.transferMode).toBe('active');
    await fs.close();
  });
});

describe('auto mode, 425 after the passive connection opened', () => {
  it('retries in active mode into the same, still usable sink', async () => {
    let activeTarget: { host: string; port: number } | null = null;
    const fake = await FakeFtpServer.start((verb, argument, session) => {
      if (verb === 'RETR' && !activeTarget) {
        void session.data().then(() => session.reply('425 Data connection refused by policy'));
        return true;
      }
      if (verb === 'EPRT') {
        const [, , host, port] = argument.split('|');
        activeTarget = { host: host!, port: Number(port) };
        session.reply('200 EPRT ok');
        return true;
      }
      if (verb === 'RETR') {
        session.reply('150 sending');
        const target = activeTarget!;
        void import('node:net').then(({ connect }) => {
          const socket = connect(target.port, target.host, () => {
            socket.end('second try', () => session.reply('226 done'));
          });
        });
        return true;
      }
      return false;
    });
    fakes.push(fake);
    const fs = await connectToFake(fake, { transferMode: 'auto' }, { logger: new RecordingLogger() });
    const sink = new BufferSink();
    await fs.download('/f', sink);
    expect(sink.data.toString()).toBe('second try');
    await fs.close();
  });
});

describe('keep-alive', () => {
  it('sends NOOP on an idle control connection', async () => {
    const fake = await FakeFtpServer.start();
    fakes.push(fake);
    const fs = await connectToFake(
      fake,
      {},
      { logger: new RecordingLogger(), options: { timeouts: { keepAliveMs: 50 } } },
    );
    await expect
      .poll(() => fake.commands.filter((command) => command === 'NOOP').length)
      .toBeGreaterThanOrEqual(2);
    await fs.close();
  });
});
