/**
 * Mirroring 1,000 small files (4 to 64 KiB) with 4 connections: the transfer queue against
 * `lftp -e 'mirror --parallel=4'`, same vsftpd, alternating runs, medians of QUEUE_BENCH_RUNS.
 *
 * Run: npx esbuild --bundle --platform=node --format=esm scripts/bench/queue-mirror.ts \
 *        --outfile=/tmp/queue-mirror.mjs \
 *        --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
 *      && node /tmp/queue-mirror.mjs
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src-main/core/protocol-log.js';
import { refusingPrompter } from '../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../src-main/core/trust-store.js';
import { connectFtp } from '../../src-main/ftp/index.js';
import { TransferQueue } from '../../src-main/queue/index.js';
import { startServer } from '../../test/harness/index.js';

const RUNS = Number(process.env.QUEUE_BENCH_RUNS ?? 5);
const FILES = 1000;

const server = await startServer('vsftpd');
const work = mkdtempSync(join(tmpdir(), 'ferry-queue-mirror-'));
for (let i = 0; i < FILES; i++) {
  const dir = join(server.root, 'tree', `d${i % 10}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `f${i}.bin`), randomBytes(4096 + ((i * 7919) % (60 * 1024))));
}

function lftp(target: string): number {
  const started = performance.now();
  execFileSync('lftp', [
    ...['-u', `${server.user},${server.password}`, '-p', String(server.port)],
    ...['-e', `set ftp:passive-mode on; mirror --parallel=4 /tree ${target}; quit`, '127.0.0.1'],
  ]);
  return performance.now() - started;
}

async function ferry(target: string, journalDir: string): Promise<{ ms: number; retried: number }> {
  const queue = await TransferQueue.open({
    journalDir,
    connect: () =>
      connectFtp(
        {
          protocol: 'ftp-insecure',
          host: server.host,
          port: server.port,
          user: server.user,
          password: server.password,
        },
        { logger: silentLogger, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
      ),
    settings: { maxConnectionsPerSite: 4, defaultOverwrite: 'overwrite', retryBaseMs: 100 },
  });
  const started = performance.now();
  await queue.add([
    {
      direction: 'download',
      source: { location: 'bench', path: '/tree' },
      target: { location: 'local', path: target },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  const ms = performance.now() - started;
  const items = queue.list();
  await queue.close();
  if (items.some((i) => i.state !== 'done')) throw new Error('some items did not finish');
  return { ms, retried: items.filter((i) => i.attempts > 1).length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lftpMs: number[] = [];
const ferryMs: number[] = [];
let retried = 0;
for (let run = 0; run < RUNS; run++) {
  lftpMs.push(lftp(join(work, `lftp-${run}`)));
  const result = await ferry(join(work, `ferry-${run}`), join(work, `journal-${run}`));
  ferryMs.push(result.ms);
  retried += result.retried;
}
console.log(
  JSON.stringify({
    files: FILES,
    connections: 4,
    lftpMedianMs: Math.round(median(lftpMs)),
    ferryMedianMs: Math.round(median(ferryMs)),
    lftpRuns: lftpMs.map(Math.round),
    ferryRuns: ferryMs.map(Math.round),
    ferryItemsRetried: retried,
  }),
);
rmSync(work, { recursive: true, force: true });
await server.stop();
