/**
 * Remote→remote copies in the queue between two real FTP servers: server to server (FXP)
 * when both allow it, proven by the protocol log (PORT/RETR on the source, one info line per
 * pair); a streamed fallback when the source refuses PORT, remembered for the queue's life;
 * streaming when a speed limit or TLS rules FXP out; and resuming with REST on both servers, after a pause mid-copy and by the 'resume' policy.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp } from '../../../src-main/ftp/index.js';
import { TransferQueue, type QueueSettings } from '../../../src-main/queue/index.js';
import type { OverwritePolicy, TransferItem } from '../../../src-shared/model.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { RecordingLogger } from '../ftp/ftp-test-kit.js';
import { fingerprint, makeTree } from './tree-kit.js';

const MiB = 1024 * 1024;
const SETTINGS: Partial<QueueSettings> = {
  maxConnectionsPerSite: 2,
  retryBaseMs: 50,
  retryCapMs: 500,
  defaultOverwrite: 'overwrite',
};

let source: RunningServer;
let refusing: RunningServer;
let secure: RunningServer;
let destination: RunningServer;
let work: string;
/** Every protocol line of every connection, per location. */
const logs = new Map<string, RecordingLogger>();

beforeAll(async () => {
  [source, refusing, secure, destination] = await Promise.all([
    startServer('vsftpd'),
    startServer('vsftpd', { allowPort: false }),
    startServer('vsftpd-ftps-explicit'),
    startServer('pyftpdlib'),
  ]);
  work = mkdtempSync(join(tmpdir(), 'ferry-queue-fxp-'));
});
afterAll(async () => {
  await Promise.all([source?.dispose(), refusing?.dispose(), secure?.dispose(), destination?.dispose()]);
  rmSync(work, { recursive: true, force: true });
});

/** Locations are named '<role>:<anything>', so each test has its own pair of sites. */
function connect(location: string) {
  const role = location.slice(0, location.indexOf(':'));
  const servers: Record<string, RunningServer> = { source, refusing, secure, destination };
  const server = servers[role]!;
  let logger = logs.get(location);
  if (!logger) logs.set(location, (logger = new RecordingLogger()));
  return connectFtp(
    {
      ...(server === secure
        ? { protocol: 'ftpes' as const, tlsFingerprint: server.certFingerprint256 }
        : { protocol: 'ftp-insecure' as const }),
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      transferMode: 'passive',
    },
    { logger, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
  );
}

function lines(location: string, direction: 'sent' | 'info', pattern: RegExp): string[] {
  return (logs.get(location)?.lines ?? [])
    .filter((line) => line.direction === direction && pattern.test(line.text))
    .map((line) => line.text);
}

async function openQueue(name: string, settings: Partial<QueueSettings> = {}): Promise<TransferQueue> {
  return TransferQueue.open({
    journalDir: join(work, `journal-${name}`),
    connect,
    settings: { ...SETTINGS, ...settings },
  });
}

/** Queues one copy (a file or a folder) between two locations and waits for the queue to settle. */
async function copyAndWait(
  queue: TransferQueue,
  source: { location: string; path: string },
  target: { location: string; path: string },
  overwrite?: OverwritePolicy,
): Promise<TransferItem[]> {
  await queue.add([{ direction: 'copy', source, target, ...(overwrite ? { overwrite } : {}) }]);
  await queue.start();
  await queue.whenIdle();
  return queue.list();
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A file whose bytes never repeat at a 1 MiB period, so a resume at a wrong offset shows. */
function writePattern(path: string, size: number): void {
  const chunk = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i++) chunk[i] = i % 251;
  const fd = openSync(path, 'w');
  try {
    for (let done = 0; done < size;) {
      const n = Math.min(MiB, size - done);
      done += writeSync(fd, chunk, 0, n);
    }
  } finally {
    closeSync(fd);
  }
}

describe('queue copy between two FTP servers', () => {
  it('copies a tree vsftpd → pyftpdlib server to server (FXP), every sha256 intact', async () => {
    const files = 15;
    makeTree(join(source.root, 'tree'), files);
    await source.fixOwnership();
    const queue = await openQueue('fxp');
    try {
      const items = await copyAndWait(
        queue,
        { location: 'source:a', path: source.remotePath('tree') },
        { location: 'destination:a', path: destination.remotePath('fxp-copy') },
      );
      expect(items.filter((i) => i.state !== 'done')).toEqual([]);
      const expected = await fingerprint(join(source.root, 'tree'));
      expect(expected.size).toBe(files);
      expect(await fingerprint(join(destination.root, 'fxp-copy'))).toEqual(expected);

      // Every file went server to server: PORT and RETR on the source, STOR on the destination.
      expect(lines('source:a', 'sent', /^PORT \d+,/)).toHaveLength(files);
      expect(lines('source:a', 'sent', /^RETR /)).toHaveLength(files);
      expect(lines('destination:a', 'sent', /^STOR /)).toHaveLength(files);
      expect(lines('destination:a', 'sent', /^PASV$/)).toHaveLength(files);
      // One info line for the pair, however many files.
      expect(lines('source:a', 'info', /server to server \(FXP\)/)).toEqual([
        'Copying source:a → destination:a server to server (FXP): both plain FTP, binary, no speed limit.',
      ]);
      // Neither server offers a hash: the size is what verified each file.
      expect(new Set(items.filter((i) => !i.isDir).map((i) => i.verifiedBy))).toEqual(new Set(['size']));
    } finally {
      await queue.close();
    }
  });

  it('a source that refuses PORT: the first file falls back to streaming, later ones stream directly', async () => {
    const files = 8;
    makeTree(join(refusing.root, 'tree'), files, 7);
    await refusing.fixOwnership();
    const queue = await openQueue('refused');
    try {
      await copyAndWait(
        queue,
        { location: 'refusing:b', path: refusing.remotePath('tree') },
        { location: 'destination:b', path: destination.remotePath('streamed') },
      );
      expect(queue.list().filter((i) => i.state !== 'done')).toEqual([]);
      expect(await fingerprint(join(destination.root, 'streamed'))).toEqual(
        await fingerprint(join(refusing.root, 'tree')),
      );
      // Tried once per connection that was already under way, then remembered for the pair.
      const tried = lines('refusing:b', 'sent', /^PORT \d+,/).length;
      expect(tried).toBeGreaterThanOrEqual(1);
      expect(tried).toBeLessThanOrEqual(SETTINGS.maxConnectionsPerSite ?? 2);
      expect(lines('refusing:b', 'sent', /^RETR /)).toHaveLength(files);
      const told = lines('refusing:b', 'info', /FXP/);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/source refused to connect to another server \(PORT\).*stream through Ferry/);
    } finally {
      await queue.close();
    }
  });

  it('a speed limit keeps the copy streamed through Ferry (FXP could not be paced)', async () => {
    await source.writeFile('limited/one.bin', Buffer.alloc(64 * 1024, 7));
    const queue = await openQueue('limited', { downloadLimit: 10 * MiB });
    try {
      await copyAndWait(
        queue,
        { location: 'source:c', path: source.remotePath('limited/one.bin') },
        { location: 'destination:c', path: destination.remotePath('limited.bin') },
      );
      expect(queue.list().map((i) => i.state)).toEqual(['done']);
      expect(lines('source:c', 'sent', /^PORT /)).toEqual([]);
      expect(lines('source:c', 'info', /through Ferry, not server to server/)[0]).toMatch(/speed limit/);
      expect(await sha256Of(destination.localPath('limited.bin'))).toBe(
        await sha256Of(source.localPath('limited/one.bin')),
      );
    } finally {
      await queue.close();
    }
  });

  it('a TLS-protected source keeps the copy streamed (FXP with TLS data needs SSCN/CPSV)', async () => {
    await secure.writeFile('tls/one.bin', Buffer.alloc(100 * 1024, 9));
    const queue = await openQueue('tls');
    try {
      await copyAndWait(
        queue,
        { location: 'secure:f', path: secure.remotePath('tls/one.bin') },
        { location: 'destination:f', path: destination.remotePath('from-tls.bin') },
      );
      expect(queue.list().map((i) => i.state)).toEqual(['done']);
      expect(lines('secure:f', 'sent', /^PORT /)).toEqual([]);
      expect(lines('secure:f', 'info', /through Ferry, not server to server/)[0]).toMatch(/SSCN or CPSV/);
      expect(await sha256Of(destination.localPath('from-tls.bin'))).toBe(
        await sha256Of(secure.localPath('tls/one.bin')),
      );
    } finally {
      await queue.close();
    }
  });

  it("resumes a partial target with REST on both servers (policy 'resume')", async () => {
    const size = 5 * MiB + 77;
    const whole = source.localPath('resume/whole.bin');
    await source.mkdir('resume');
    writePattern(whole, size);
    await source.fixOwnership();
    // The destination already holds the first 2 MiB + 3 bytes of it.
    const prefix = 2 * MiB + 3;
    const partial = destination.localPath('resumed.bin');
    writePattern(partial, prefix);
    await destination.fixOwnership();
    const queue = await openQueue('resume');
    try {
      await copyAndWait(
        queue,
        { location: 'source:d', path: source.remotePath('resume/whole.bin') },
        { location: 'destination:d', path: destination.remotePath('resumed.bin') },
        'resume',
      );
      expect(queue.list().map((i) => [i.state, i.size])).toEqual([['done', size]]);
      expect(lines('source:d', 'sent', /^REST /)).toEqual([`REST ${prefix}`]);
      expect(lines('destination:d', 'sent', /^REST /)).toEqual([`REST ${prefix}`]);
      expect(lines('source:d', 'sent', /^RETR /)).toHaveLength(1);
      expect(await sha256Of(partial)).toBe(await sha256Of(whole));
    } finally {
      await queue.close();
    }
  });

  it('a copy paused mid-FXP resumes where it stopped, with REST on both servers', async () => {
    const size = 400 * MiB + 11;
    const whole = source.localPath('big/whole.bin');
    await source.mkdir('big');
    writePattern(whole, size);
    await source.fixOwnership();
    const copied = destination.localPath('big-copy.bin');
    const queue = await openQueue('pause');
    try {
      const [id] = await queue.add([
        {
          direction: 'copy',
          source: { location: 'source:e', path: source.remotePath('big/whole.bin') },
          target: { location: 'destination:e', path: destination.remotePath('big-copy.bin') },
        },
      ]);
      await queue.start();
      // Pause once the destination holds some of the file, not all of it.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const now = statSync(copied, { throwIfNoEntry: false })?.size ?? 0;
        if (now > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await queue.pause([id!]);
      await queue.whenIdle();
      const state = queue.list()[0]!.state;
      const held = statSync(copied).size;
      expect(state === 'paused' ? held : 0).toBeLessThan(size);
      if (state !== 'paused')
        throw new Error(`The copy finished before the pause (${held} bytes): make it bigger.`);
      expect(held).toBeGreaterThan(0);

      await queue.resume([id!]);
      await queue.whenIdle();
      expect(queue.list().map((i) => i.state)).toEqual(['done']);
      const rests = lines('source:e', 'sent', /^REST /);
      expect(rests).toHaveLength(1);
      const offset = Number(rests[0]!.slice(5));
      console.log(`paused at ${held}, resumed at ${offset} of ${size}`);
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(size);
      expect(lines('destination:e', 'sent', /^REST /)).toEqual([`REST ${offset}`]);
      expect(lines('source:e', 'sent', /^RETR /)).toHaveLength(2);
      expect(await sha256Of(copied)).toBe(await sha256Of(whole));
    } finally {
      await queue.close();
    }
  }, 120_000);
});
