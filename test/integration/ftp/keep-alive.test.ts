/** The control connection's NOOP keep-alive: sent only after a quiet spell, never during work. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo, download, RecordingLogger } from './ftp-test-kit.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer('vsftpd');
  await server.writeFile('small.bin', Buffer.alloc(1000, 1));
});
afterAll(async () => {
  await server?.stop();
});

const noops = (logger: RecordingLogger) =>
  logger.lines.filter((l) => l.direction === 'sent' && l.text === 'NOOP').length;

it('sends NOOP after the idle time, restarts the countdown after each task, and keeps the session usable', async () => {
  const logger = new RecordingLogger();
  const fs = await connectTo(server, {}, { logger, options: { timeouts: { keepAliveMs: 300 } } });
  try {
    // Busy every 100 ms for 900 ms: each task restarts the countdown, so no NOOP.
    for (let i = 0; i < 9; i++) {
      await fs.list(server.remotePath(''));
      await sleep(100);
    }
    expect(noops(logger)).toBe(0);
    // Quiet for 1 s: about three NOOPs, one per idle period.
    await sleep(1000);
    expect(noops(logger)).toBeGreaterThanOrEqual(2);
    expect(noops(logger)).toBeLessThanOrEqual(4);
    expect((await download(fs, server.remotePath('small.bin'))).length).toBe(1000);
  } finally {
    await fs.close();
  }
});
