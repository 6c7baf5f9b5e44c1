/**
 * The transfer queue as the app runs it: a process that stays up between runs and executes
 * bundled code (as electron-vite and esbuild ship it, without a TypeScript loader), mirroring
 * an FTP folder on request. The bench writes one JSON line per run to stdin, `{ dest, journal }`,
 * and reads `ok <CPU seconds of this mirror>` or `error <message>` back.
 *
 * Usage: node queue-runner.mjs <port> <user> <password> <remote folder>
 */
import { createInterface } from 'node:readline';
import { refusingPrompter } from '../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../src-main/core/trust-store.js';
import { connectFtp } from '../../src-main/ftp/index.js';
import { TransferQueue } from '../../src-main/queue/index.js';
import { EventBus } from '../../src-main/service/event-bus.js';
import { SessionLog } from '../../src-main/service/session-log.js';

const [port, user, password, remote] = process.argv.slice(2) as [string, string, string, string];
// The app logs every queue connection's commands and replies to its protocol log (create-app.ts).
const bus = new EventBus();
const queueLog = new SessionLog('queue', bus);

async function mirror(dest: string, journalDir: string): Promise<void> {
  const queue = await TransferQueue.open({
    journalDir,
    connect: () =>
      connectFtp(
        {
          protocol: 'ftp-insecure',
          host: '127.0.0.1',
          port: Number(port),
          user,
          password,
          transferMode: 'passive',
        },
        { logger: queueLog, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
      ),
    settings: { maxConnectionsPerSite: 4, defaultOverwrite: 'overwrite' },
  });
  // The app forwards the queue's events to its windows (create-app.ts): building them is part
  // of what a transfer costs there, whoever listens at the other end.
  queue.on('queue-items', (event) => bus.emit(event));
  queue.on('queue-progress', (event) => bus.emit(event));
  try {
    await queue.add([
      {
        direction: 'download',
        source: { location: 'server', path: remote },
        target: { location: 'local', path: dest },
        isDir: true,
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    const unfinished = queue.list().filter((item) => item.state !== 'done');
    if (unfinished.length > 0) throw new Error(`${unfinished.length} item(s) did not finish`);
  } finally {
    await queue.close();
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const { dest, journal } = JSON.parse(line) as { dest: string; journal: string };
  try {
    const before = process.cpuUsage();
    await mirror(dest, journal);
    const used = process.cpuUsage(before);
    process.stdout.write(`ok ${(used.user + used.system) / 1e6}\n`);
  } catch (error) {
    process.stdout.write(`error ${(error as Error).message}\n`);
  }
}
