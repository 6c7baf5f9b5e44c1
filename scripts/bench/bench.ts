/**
 * `npm run bench`: Ferry against curl, lftp and OpenSSH sftp on the same files, same servers,
 * same run, each measured as the median of BENCH_RUNS wall-clock runs. Prints ratios
 * (Ferry's throughput ÷ the other tool's: above 1.0 means Ferry is faster).
 * BENCH_MB sets the big file's size (default 1024 MiB); BENCH_ONLY=ftp,sftp,mirror picks sections.
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { silentLogger } from '../../src-main/core/protocol-log.js';
import { refusingPrompter } from '../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../src-main/core/trust-store.js';
import { connectFtp } from '../../src-main/ftp/index.js';
import { RELEASES_CHUNKS } from '../../src-main/core/chunk-ownership.js';
import { startServer, type RunningServer } from '../../test/harness/index.js';

const MB = Number(process.env.BENCH_MB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Mirrors the in-app queue runs before it is measured (see mirrorSection). */
const WARM_UP_MIRRORS = 3;
const ONLY = new Set((process.env.BENCH_ONLY ?? 'ftp,sftp,mirror').split(','));
const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const MiB = 1024 * 1024;
const CORES = os.cpus().length;
/** Not Ferry and not a rival: the Node floor under the mirror, compared with lftp as well. */
const LEAN_NODE_CLIENT = 'lean Node client (floor)';

interface Row {
  group: string;
  tool: string;
  seconds: number;
  bytes: number;
  /** CPU the tool's own process used (user + system), median of the runs; the server's is not in it. */
  cpuSeconds?: number;
  /**
   * CPU the whole machine used during the run (the server's included), median of the runs. Over
   * loopback the client and the server share the cores: next to the wall time this shows how
   * much of the machine a tool left for the server.
   */
  machineCpuSeconds?: number;
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
    await compare(group, bytes, [
      { tool: 'curl', once: () => run('curl', ['-s', '-S', '-o', '/dev/null', `${url}/big.bin`]) },
      { tool: 'ferry (CLI)', once: () => run('node', [CLI, 'get', `${url}/big.bin`, '/dev/null']) },
      { tool: 'ferry (engine)', once: () => inProcessCpu(() => engineDownload(server)) },
    ]);
    const toDisk = `FTP download ${MB} MiB from vsftpd, to a file`;
    const freshOut = () => rm(out, { force: true });
    await compare(
      toDisk,
      bytes,
      [
        { tool: 'curl', once: () => run('curl', ['-s', '-S', '-o', out, `${url}/big.bin`]) },
        {
          tool: 'lftp',
          once: () =>
            run('lftp', [
              '-c',
              `set ftp:ssl-allow no; set xfer:clobber on; open -u ${server.user},${server.password} -p ${server.port} 127.0.0.1; get big.bin -o ${out}`,
            ]),
        },
        { tool: 'ferry (CLI)', once: () => run('node', [CLI, 'get', `${url}/big.bin`, out]) },
      ],
      freshOut,
    );
    const up = `FTP upload ${MB} MiB to vsftpd`;
    await compare(
      up,
      bytes,
      [
        { tool: 'curl', once: () => run('curl', ['-s', '-S', '-T', out, `${url}/up.bin`]) },
        { tool: 'ferry (CLI)', once: () => run('node', [CLI, 'put', out, `${url}/up.bin`]) },
      ],
      () => rm(server.localPath('up.bin'), { force: true }),
    );
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
    // OpenSSH sftp runs a batch file; Ferry's CLI gets the same transfer as arguments.
    const sftpAgainstFerry = (
      group: string,
      batchFile: string,
      ferryArgs: string[],
      fresh: () => Promise<unknown>,
    ): Promise<void> =>
      compare(
        group,
        bytes,
        [
          {
            tool: 'OpenSSH sftp',
            once: () => run('sftp', [...sftpArgs, '-b', batchFile, `${server.user}@127.0.0.1`]),
          },
          {
            tool: 'ferry (CLI)',
            once: () => run('node', [CLI, ...ferryArgs, '-i', key, '--known-hosts', knownHosts]),
          },
        ],
        fresh,
      );
    await sftpAgainstFerry(
      `SFTP download ${MB} MiB from OpenSSH sshd, to a file`,
      await batch(`get ${server.remotePath('big.bin')} ${out}\n`),
      ['get', `${base}/big.bin`, out],
      () => rm(out, { force: true }),
    );
    await sftpAgainstFerry(
      `SFTP upload ${MB} MiB to OpenSSH sshd`,
      await batch(`put ${out} ${server.remotePath('up.bin')}\n`),
      ['put', out, `${base}/up.bin`],
      () => rm(server.localPath('up.bin'), { force: true }),
    );
  } finally {
    await server.dispose();
  }
}

async function mirrorSection(work: string): Promise<void> {
  const server = await startServer('vsftpd');
  let runner: Awaited<ReturnType<typeof startQueueRunner>> | null = null;
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
    // Every run mirrors into a folder of its own, and all of them are deleted only after the
    // section. Deleting 1,000 files between runs would make the next run's creates slower on some
    // file systems (ext4 without a journal skips every inode freed in the last minute while
    // allocating), and the bench would then measure the deletions rather than the tools.
    const dest = (tool: string, i: number) => path.join(work, 'mirrors', `${tool}-${i}`);
    const leanMirror = await bundleScript('lean-ftp-mirror');
    const queueRunner = await startQueueRunner(server);
    runner = queueRunner;
    // "In the app" means a main process that has moved files before, with its code optimized.
    // V8 optimizes a function only after it has run a while, and the runner's CPU per mirror
    // keeps falling for its first three mirrors here (0.84, 0.74, 0.48 s, then 0.39, 0.40,
    // 0.36 s): with one warm-up mirror the measured runs were still warming up. The first
    // mirror after start is reported on its own row; the CLI row always starts cold.
    const warmUp: number[] = [];
    for (let i = 0; i < WARM_UP_MIRRORS; i++) {
      const start = process.hrtime.bigint();
      await queueRunner.mirror(dest('queue-warm-up', i), path.join(work, `journal-warm-up-${i}`));
      warmUp.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    const firstSeconds = warmUp[0]!;
    console.error(`  ${group} / warm-up mirrors in the app: ${warmUp.map((t) => t.toFixed(3)).join(' ')} s`);
    await compare(group, bytes, [
      {
        tool: 'lftp mirror --parallel=4',
        once: (i) =>
          run('lftp', [
            '-c',
            `set ftp:ssl-allow no; open -u ${server.user},${server.password} -p ${server.port} 127.0.0.1; mirror --parallel=4 tree ${dest('lftp', i)}`,
          ]),
      },
      // The queue as the app runs it: inside a process that is already up (the app's main process).
      {
        tool: 'ferry queue (in the app)',
        once: (i) => queueRunner.mirror(dest('queue', i), path.join(work, `journal-${i}`)),
      },
      // The floor: the least a new Node process can do for the same mirror (lean-ftp-mirror.ts).
      {
        tool: LEAN_NODE_CLIENT,
        once: (i) =>
          run('node', [
            leanMirror,
            String(server.port),
            server.user,
            server.password,
            server.remotePath('tree'),
            dest('lean', i),
          ]),
      },
      // The same queue from the command line: a new Node process per run, start-up included.
      {
        tool: 'ferry get -r (CLI process)',
        once: (i) => run('node', [CLI, 'get', '-r', `${url}/tree`, dest('cli', i), '--parallel', '4']),
      },
    ]);
    rows.push({ group, tool: 'ferry queue (in the app), 1st mirror', seconds: firstSeconds, bytes });
    await rm(path.join(work, 'mirrors'), { recursive: true, force: true });
  } finally {
    runner?.stop();
    await server.dispose();
  }
}

/**
 * A long-lived process running the queue from bundled code (queue-runner.ts), so "in the app"
 * measures what the app ships: warm after its first run, and without the TypeScript loader that
 * runs this script (its helpers cost a few per cent on every function created).
 */
async function startQueueRunner(server: RunningServer): Promise<{
  /** Resolves with the CPU seconds the runner spent on this mirror. */
  mirror(dest: string, journal: string): Promise<number>;
  stop(): void;
}> {
  const file = await bundleScript('queue-runner');
  const child = spawn(
    'node',
    [file, String(server.port), server.user, server.password, server.remotePath('tree')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async mirror(dest, journal) {
      child.stdin.write(`${JSON.stringify({ dest, journal })}\n`);
      const reply = await replies.next();
      if (reply.done) throw new Error('the queue runner exited');
      const ok = /^ok (\d+(?:\.\d+)?)$/.exec(reply.value);
      if (!ok) throw new Error(reply.value);
      return Number(ok[1]);
    },
    stop: () => child.kill(),
  };
}

/** Bundles scripts/bench/<name>.ts as the app ships code (esbuild, no TypeScript loader); returns the file. */
async function bundleScript(name: string): Promise<string> {
  const file = path.join(ROOT, 'dist', 'bench', `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'scripts', 'bench', `${name}.ts`)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return file;
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

interface Contender {
  tool: string;
  /**
   * One run. A tool run as a child process that exits needs to return nothing: its CPU is read
   * from what the kernel adds to this process's children when it is reaped. One that stays up
   * (the queue runner) or runs in this process returns the CPU seconds it measured itself.
   */
  once: (run: number) => Promise<void | number>;
}

/** CPU seconds of this process's reaped children (Linux /proc), or null where unavailable. */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime, fields 16 and 17 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds all cores have spent busy since boot (Linux /proc/stat), or null where unavailable. */
function machineBusySeconds(): number | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu  user nice system idle iowait irq softirq steal …, in clock ticks (100 per second).
    const [user, nice, system, , , irq, softirq, steal] = first.trim().split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds this process spends while `task` runs (for contenders that run in process). */
async function inProcessCpu(task: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await task();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/**
 * Runs every contender RUNS times, round-robin, and keeps each one's median. Interleaving matters
 * here: the machine drifts during a run (page cache, dirty pages, the file system's allocator), so
 * running one tool's five runs before the other's would hand the drift to whoever comes last.
 * Each round starts one contender further on, so every tool follows every other equally often:
 * what one run leaves behind can slow the next (a 1 GiB file written right after lftp's cost
 * Ferry up to twice the system time here, and not after curl's or its own).
 *
 * `fresh`, when given, runs untimed before every run: it deletes the previous run's output, so
 * each tool writes a new file. Overwriting would charge each tool for freeing the 1 GiB file the
 * tool before it left (curl frees it when it truncates, Ferry when it renames its .part over it),
 * which on this disk (ext4 mounted with discard) costs up to a second and varies run to run.
 */
async function compare(
  group: string,
  bytes: number,
  contenders: Contender[],
  fresh?: () => Promise<unknown>,
): Promise<void> {
  const times = new Map<string, number[]>(contenders.map((c) => [c.tool, []]));
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.tool, []]));
  const machine = new Map<string, number[]>(contenders.map((c) => [c.tool, []]));
  const failed = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const shift = i % contenders.length;
    for (const { tool, once } of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
      if (failed.has(tool)) continue;
      await fresh?.();
      // Flush what the previous tool wrote, so nobody pays for another's dirty pages (the kernel
      // throttles writers once dirty memory passes its ratio, which punished whoever ran last).
      await run('sync', []);
      const childrenBefore = childrenCpuSeconds();
      const machineBefore = machineBusySeconds();
      const start = process.hrtime.bigint();
      let reported: void | number;
      try {
        reported = await once(i);
      } catch (error) {
        console.error(`  ${group} / ${tool}: FAILED: ${(error as Error).message}`);
        failed.add(tool);
        continue;
      }
      times.get(tool)!.push(Number(process.hrtime.bigint() - start) / 1e9);
      const childrenAfter = childrenCpuSeconds();
      const machineAfter = machineBusySeconds();
      if (machineBefore !== null && machineAfter !== null)
        machine.get(tool)!.push(machineAfter - machineBefore);
      if (typeof reported === 'number') cpu.get(tool)!.push(reported);
      else if (childrenBefore !== null && childrenAfter !== null)
        cpu.get(tool)!.push(childrenAfter - childrenBefore);
    }
  }
  for (const { tool } of contenders) {
    const inOrder = times.get(tool)!;
    const sorted = [...inOrder].sort((a, b) => a - b);
    if (failed.has(tool) || sorted.length === 0) continue;
    const seconds = sorted[Math.floor(sorted.length / 2)]!;
    const cpuRuns = cpu.get(tool)!;
    const cpuSeconds = cpuRuns.length > 0 ? median(cpuRuns) : undefined;
    const machineRuns = machine.get(tool)!;
    const machineCpuSeconds = machineRuns.length > 0 ? median(machineRuns) : undefined;
    rows.push({
      group,
      tool,
      seconds,
      bytes,
      ...(cpuSeconds !== undefined ? { cpuSeconds } : {}),
      ...(machineCpuSeconds !== undefined ? { machineCpuSeconds } : {}),
    });
    console.error(
      `  ${group} / ${tool}: ${seconds.toFixed(3)} s (runs in order: ${inOrder.map((t) => t.toFixed(3)).join(' ')})` +
        (cpuSeconds !== undefined ? `, CPU ${cpuRuns.map((t) => t.toFixed(2)).join(' ')}` : '') +
        (machineCpuSeconds !== undefined
          ? `, machine ${machineRuns.map((t) => t.toFixed(2)).join(' ')}`
          : ''),
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function report(): void {
  const groups = [...new Set(rows.map((r) => r.group))];
  console.log(
    `\nFerry benchmark — median of ${RUNS} run(s), wall clock, loopback (${CORES} cores); CPU is the client's own,\n` +
      `machine is what all cores used during the run (server included) out of what they had (cores × wall)\n`,
  );
  for (const group of groups) {
    console.log(group);
    const inGroup = rows.filter((r) => r.group === group);
    const ferries = inGroup.filter((r) => r.tool.startsWith('ferry'));
    for (const row of inGroup) {
      const rate = row.bytes / MiB / row.seconds;
      const lftp = inGroup.find((r) => r.tool.startsWith('lftp'));
      const ratio = row.tool.startsWith('ferry')
        ? ''
        : row.tool === LEAN_NODE_CLIENT && lftp
          ? `  ${(lftp.seconds / row.seconds).toFixed(2)}× as fast as lftp`
          : ferries
              .map((f) => `  Ferry is ${(row.seconds / f.seconds).toFixed(2)}× as fast (${f.tool})`)
              .join(';');
      const cpuText = row.cpuSeconds !== undefined ? `CPU ${row.cpuSeconds.toFixed(2)} s` : '';
      const machineText =
        row.machineCpuSeconds !== undefined
          ? `machine ${row.machineCpuSeconds.toFixed(2)}/${(CORES * row.seconds).toFixed(2)} s`
          : '';
      console.log(
        `  ${row.tool.padEnd(28)} ${row.seconds.toFixed(3).padStart(8)} s ${rate.toFixed(0).padStart(7)} MiB/s ${cpuText.padStart(12)} ${machineText.padStart(22)}${ratio}`,
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
