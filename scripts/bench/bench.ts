/**
 * `npm run bench`: Ferry against curl, lftp and OpenSSH sftp on the same files, same servers,
 * same run, each measured as the median of BENCH_RUNS wall-clock runs. Prints ratios
 * (Ferry's throughput ÷ the other tool's: above 1.0 means Ferry is faster).
 * BENCH_MB sets the big file's size (default 1024 MiB); BENCH_ONLY=ftp,sftp,mirror picks sections.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { silentLogger } from '../../src-main/core/protocol-log.js';
import { refusingPrompter } from '../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../src-main/core/trust-store.js';
import { connectFtp } from '../../src-main/ftp/index.js';
import { RELEASES_CHUNKS } from '../../src-main/ftp/direct-reader.js';
import { TransferQueue } from '../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../test/harness/index.js';
import { ftpConnect } from '../../test/integration/queue/tree-kit.js';

const MB = Number(process.env.BENCH_MB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'ftp,sftp,mirror').split(','));
const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const MiB = 1024 * 1024;

interface Row {
  group: string;
  tool: string;
  seconds: number;
  bytes: number;
}
const rows: Row[] = [];

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ferry-bench-'));
  process.env.FERRY_CONFIG_DIR = path.join(work, 'config');
  try {
    if (ONLY.has('ftp')) await ftpSection(work);
    if (ONLY.has('sftp')) await sftpSection(work);
    if (ONLY.has('mirror')) await mirrorSection(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  report();
}

async function ftpSection(work: string): Promise<void> {
  const server = await startServer('vsftpd');
  try {
    await makeBigFile(server.localPath('big.bin'), MB);
    await server.fixOwnership();
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}`;
    const bytes = MB * MiB;
    const out = path.join(work, 'out.bin');
    const group = `FTP download ${MB} MiB from vsftpd, to /dev/null`;
    await measure(group, 'curl', bytes, () => run('curl', ['-s', '-S', '-o', '/dev/null', `${url}/big.bin`]));
    await measure(group, 'ferry (CLI)', bytes, () =>
      run('node', [CLI, 'get', `${url}/big.bin`, '/dev/null']),
    );
    await measure(group, 'ferry (engine)', bytes, () => engineDownload(server));
    const toDisk = `FTP download ${MB} MiB from vsftpd, to a file`;
    await measure(toDisk, 'curl', bytes, () => run('curl', ['-s', '-S', '-o', out, `${url}/big.bin`]));
    await measure(toDisk, 'lftp', bytes, () =>
      run('lftp', [
        '-c',
        `set ftp:ssl-allow no; set xfer:clobber on; open -u ${server.user},${server.password} -p ${server.port} 127.0.0.1; get big.bin -o ${out}`,
      ]),
    );
    await measure(toDisk, 'ferry (CLI)', bytes, () => run('node', [CLI, 'get', `${url}/big.bin`, out]));
    const up = `FTP upload ${MB} MiB to vsftpd`;
    await measure(up, 'curl', bytes, () => run('curl', ['-s', '-S', '-T', out, `${url}/up.bin`]));
    await measure(up, 'ferry (CLI)', bytes, () => run('node', [CLI, 'put', out, `${url}/up.bin`]));
  } finally {
    await server.dispose();
  }
}

async function engineDownload(server: RunningServer): Promise<void> {
  const fs = await connectFtp(
    {
      protocol: 'ftp-insecure',
      host: '127.0.0.1',
      port: server.port,
      user: server.user,
      password: server.password,
    },
    { logger: silentLogger, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
  );
  try {
    const sink = Object.assign(
      new Writable({ highWaterMark: 4 * MiB, write: (_chunk, _enc, done) => done() }),
      {
        [RELEASES_CHUNKS]: true,
      },
    );
    await fs.download('/big.bin', sink);
  } finally {
    await fs.close();
  }
}

async function sftpSection(work: string): Promise<void> {
  const server = await startServer('sshd');
  try {
    await makeBigFile(server.localPath('big.bin'), MB);
    await server.fixOwnership();
    const bytes = MB * MiB;
    const knownHosts = path.join(work, 'known_hosts');
    await writeFile(knownHosts, `[127.0.0.1]:${server.port} ${server.hostKeyLine}\n`);
    const key = server.clientKeyFile!;
    const base = `sftp://${server.user}@127.0.0.1:${server.port}${server.remotePath('')}`;
    const out = path.join(work, 'sftp-out.bin');
    const sftpArgs = [
      '-q',
      '-P',
      String(server.port),
      '-i',
      key,
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'BatchMode=yes',
    ];
    const batch = async (lines: string): Promise<string> => {
      const file = path.join(work, 'batch.txt');
      await writeFile(file, lines);
      return file;
    };
    const down = `SFTP download ${MB} MiB from OpenSSH sshd, to a file`;
    const getBatch = await batch(`get ${server.remotePath('big.bin')} ${out}\n`);
    await measure(down, 'OpenSSH sftp', bytes, () =>
      run('sftp', [...sftpArgs, '-b', getBatch, `${server.user}@127.0.0.1`]),
    );
    await measure(down, 'ferry (CLI)', bytes, () =>
      run('node', [CLI, 'get', `${base}/big.bin`, out, '-i', key, '--known-hosts', knownHosts]),
    );
    const up = `SFTP upload ${MB} MiB to OpenSSH sshd`;
    const putBatch = await batch(`put ${out} ${server.remotePath('up.bin')}\n`);
    await measure(up, 'OpenSSH sftp', bytes, () =>
      run('sftp', [...sftpArgs, '-b', putBatch, `${server.user}@127.0.0.1`]),
    );
    await measure(up, 'ferry (CLI)', bytes, () =>
      run('node', [CLI, 'put', out, `${base}/up.bin`, '-i', key, '--known-hosts', knownHosts]),
    );
  } finally {
    await server.dispose();
  }
}

async function mirrorSection(work: string): Promise<void> {
  const server = await startServer('vsftpd');
  try {
    let bytes = 0;
    for (let i = 0; i < 1000; i++) {
      const size = 4096 + ((i * 7919) % (60 * 1024));
      bytes += size;
      const dir = `tree/d${i % 20}`;
      if (i < 20) await server.mkdir(dir);
      await writeFile(server.localPath(`${dir}/f${i}.bin`), randomBytes(size));
    }
    await server.fixOwnership();
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}`;
    const group = 'Mirror 1,000 files of 4–64 KiB with 4 connections (vsftpd)';
    await measure(group, 'lftp mirror --parallel=4', bytes, async () => {
      const dest = path.join(work, 'lftp-mirror');
      await rm(dest, { recursive: true, force: true });
      await run('lftp', [
        '-c',
        `set ftp:ssl-allow no; open -u ${server.user},${server.password} -p ${server.port} 127.0.0.1; mirror --parallel=4 tree ${dest}`,
      ]);
    });
    // The queue as the app runs it: inside a process that is already up (the app's main process).
    let journal = 0;
    await measure(group, 'ferry queue (in the app)', bytes, async () => {
      const dest = path.join(work, 'ferry-queue-mirror');
      await rm(dest, { recursive: true, force: true });
      await queueMirror(server, dest, path.join(work, `journal-${journal++}`));
    });
    // The same queue from the command line: a new Node process per run, start-up included.
    await measure(group, 'ferry get -r (CLI process)', bytes, async () => {
      const dest = path.join(work, 'ferry-mirror');
      await rm(dest, { recursive: true, force: true });
      await run('node', [CLI, 'get', '-r', `${url}/tree`, dest, '--parallel', '4']);
    });
  } finally {
    await server.dispose();
  }
}

async function queueMirror(server: RunningServer, dest: string, journalDir: string): Promise<void> {
  const queue = await TransferQueue.open({
    journalDir,
    connect: ftpConnect(server),
    settings: { maxConnectionsPerSite: 4, defaultOverwrite: 'overwrite' },
  });
  try {
    await queue.add([
      {
        direction: 'download',
        source: { location: 'vsftpd', path: server.remotePath('tree') },
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

async function makeBigFile(file: string, mebibytes: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const block = randomBytes(16 * MiB);
  const out = createWriteStream(file);
  for (let written = 0; written < mebibytes * MiB; written += block.length) {
    const slice = Math.min(block.length, mebibytes * MiB - written);
    if (!out.write(slice === block.length ? block : block.subarray(0, slice))) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.trim().slice(0, 500)}`)),
    );
  });
}

async function measure(group: string, tool: string, bytes: number, once: () => Promise<void>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Flush what the previous tool wrote, so nobody pays for another's dirty pages (the kernel
    // throttles writers once dirty memory passes its ratio, which punished whoever ran last).
    await run('sync', []);
    const start = process.hrtime.bigint();
    try {
      await once();
    } catch (error) {
      console.error(`  ${group} / ${tool}: FAILED: ${(error as Error).message}`);
      return;
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)]!;
  rows.push({ group, tool, seconds, bytes });
  console.error(`  ${group} / ${tool}: ${seconds.toFixed(3)} s`);
}

function report(): void {
  const groups = [...new Set(rows.map((r) => r.group))];
  console.log(
    `\nFerry benchmark — median of ${RUNS} run(s), wall clock, loopback (${os.cpus().length} cores)\n`,
  );
  for (const group of groups) {
    console.log(group);
    const inGroup = rows.filter((r) => r.group === group);
    const ferries = inGroup.filter((r) => r.tool.startsWith('ferry'));
    for (const row of inGroup) {
      const rate = row.bytes / MiB / row.seconds;
      const ratio = row.tool.startsWith('ferry')
        ? ''
        : ferries
            .map((f) => `  Ferry is ${(row.seconds / f.seconds).toFixed(2)}× as fast (${f.tool})`)
            .join(';');
      console.log(
        `  ${row.tool.padEnd(28)} ${row.seconds.toFixed(3).padStart(8)} s ${rate.toFixed(0).padStart(7)} MiB/s${ratio}`,
      );
    }
  }
}

// The harness waits for server processes it has unref'd; keep the loop alive until it is done.
const keepAlive = setInterval(() => undefined, 1000);
try {
  await main();
} finally {
  clearInterval(keepAlive);
}
