/**
 * 1 GiB over loopback: Ferry against OpenSSH's own `sftp -b`, same server, same run,
 * alternating so both see the same machine load. Opt-in (FERRY_SFTP_BENCH=1): it moves
 * 4 GiB and takes minutes. Prints MiB/s and CPU seconds; asserts only correctness.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SftpFileSystem } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectWithPassword, scratchDir, sha256File, trustingKnownHosts } from './sftp-test-kit.js';

const SIZE = Number(process.env.FERRY_SFTP_BENCH_BYTES ?? 1024 * 1024 * 1024);
const ROUNDS = Number(process.env.FERRY_SFTP_BENCH_ROUNDS ?? 2);
const MiB = 1024 * 1024;

interface Sample {
  seconds: number;
  cpuSeconds: number;
}

const rate = (sample: Sample): string =>
  `${(SIZE / MiB / sample.seconds).toFixed(0)} MiB/s (${sample.cpuSeconds.toFixed(1)} s CPU)`;
const best = (samples: Sample[]): Sample => samples.reduce((a, b) => (a.seconds <= b.seconds ? a : b));

describe.skipIf(!process.env.FERRY_SFTP_BENCH)('SFTP throughput vs OpenSSH sftp', () => {
  let server: RunningServer;
  let scratch: { dir: string; remove: () => void };
  let fs: SftpFileSystem;
  let source: string;

  beforeAll(async () => {
    server = await startServer('sshd');
    scratch = scratchDir();
    fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir));
    source = join(scratch.dir, 'source.bin');
    execFileSync('sh', ['-c', `head -c ${SIZE} /dev/urandom > "$1"`, 'sh', source]);
    await server.mkdir('bench');
    execFileSync('cp', [source, server.localPath('bench/remote.bin')]);
    await server.fixOwnership();
  }, 600_000);
  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
    scratch?.remove();
  });

  async function ferryDownload(): Promise<Sample> {
    const local = join(scratch.dir, 'ferry-down.bin');
    const cpu = process.cpuUsage();
    const started = performance.now();
    const sink = createWriteStream(local);
    await fs.download(server.remotePath('bench/remote.bin'), sink);
    sink.end();
    await finished(sink);
    const sample = { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu) };
    expect(statSync(local).size).toBe(SIZE);
    return sample;
  }

  async function ferryUpload(): Promise<Sample> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await fs.upload(
      createReadStream(source, { highWaterMark: MiB }),
      server.remotePath('bench/ferry-up.bin'),
    );
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu) };
  }

  function openssh(command: string): Sample {
    const batch = join(scratch.dir, 'batch');
    writeFileSync(batch, `${command}\n`);
    const started = performance.now();
    const result = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'cpu %U %S',
        'sftp',
        '-q',
        '-b',
        batch,
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'BatchMode=yes',
        '-i',
        server.clientKeyFile ?? '',
        '-P',
        String(server.port),
        `${server.user}@${server.host}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(result.status, result.stderr).toBe(0);
    const [, user = '0', system = '0'] = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr) ?? [];
    return { seconds, cpuSeconds: Number(user) + Number(system) };
  }

  it('moves 1 GiB each way at least as fast as OpenSSH sftp', async () => {
    const samples = {
      ferryDown: [] as Sample[],
      sshDown: [] as Sample[],
      ferryUp: [] as Sample[],
      sshUp: [] as Sample[],
    };
    const sshLocal = join(scratch.dir, 'ssh-down.bin');
    for (let round = 0; round < ROUNDS; round += 1) {
      samples.ferryDown.push(await ferryDownload());
      samples.sshDown.push(openssh(`get ${server.remotePath('bench/remote.bin')} ${sshLocal}`));
      rmSync(sshLocal, { force: true });
      samples.ferryUp.push(await ferryUpload());
      samples.sshUp.push(openssh(`put ${source} ${server.remotePath('bench/ssh-up.bin')}`));
    }
    const report = [
      `SFTP 1 GiB over loopback, best of ${ROUNDS} (${SIZE} bytes, load ${execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim()}):`,
      `  download  Ferry ${rate(best(samples.ferryDown))}   OpenSSH sftp ${rate(best(samples.sshDown))}`,
      `  upload    Ferry ${rate(best(samples.ferryUp))}   OpenSSH sftp ${rate(best(samples.sshUp))}`,
      `  all runs (s): ${JSON.stringify(Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => +s.seconds.toFixed(2))])))}`,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    const expected = await sha256File(source);
    expect(await sha256File(join(scratch.dir, 'ferry-down.bin'))).toBe(expected);
    expect(await sha256File(server.localPath('bench/ferry-up.bin'))).toBe(expected);
  }, 3_600_000);
});

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
