/**
 * Server-side hashes over SFTP: ProFTPD's mod_sftp answers the `check-file-name` extension,
 * OpenSSH does not (and the exec of sha256sum is used there, as before).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SftpFileSystem } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  connectWithPassword,
  RecordingLogger,
  scratchDir,
  sha256,
  trustingKnownHosts,
} from './sftp-test-kit.js';

function sentLines(logger: RecordingLogger): string[] {
  return logger.lines.filter((line) => line.direction === 'sent').map((line) => line.text);
}

describe('check-file on ProFTPD mod_sftp', () => {
  let server: RunningServer;
  let scratch: { dir: string; remove: () => void };
  let fs: SftpFileSystem;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    server = await startServer('proftpd-sftp');
    scratch = scratchDir();
    fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir), logger);
  });
  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
    scratch?.remove();
  });

  it('logs in with the password and lists the chroot', async () => {
    await server.writeFile('hello.txt', 'hello');
    expect(await fs.home()).toBe('/');
    const names = (await fs.list('/')).map((entry) => entry.name);
    expect(names).toContain('hello.txt');
  });

  it('offers sha256 through check-file', async () => {
    const algorithms = await fs.hashAlgorithms();
    expect(algorithms[0]).toBe('sha256');
    expect(algorithms).toEqual(expect.arrayContaining(['sha256', 'sha1', 'md5']));
  });

  it('hashes a file on the server with sha256, sha1 and md5, no exec', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await server.writeFile('data.bin', data);
    logger.lines.length = 0;
    expect(await fs.hash('/data.bin', 'sha256')).toBe(sha256(data));
    expect(await fs.hash('/data.bin', 'sha1')).toBe(createHash('sha1').update(data).digest('hex'));
    expect(await fs.hash('/data.bin', 'md5')).toBe(createHash('md5').update(data).digest('hex'));
    expect(sentLines(logger)).toEqual([
      'check-file-name sha256 /data.bin',
      'check-file-name sha1 /data.bin',
      'check-file-name md5 /data.bin',
    ]);
  });

  it('hashes a file with a unicode name and spaces', async () => {
    const data = Buffer.from('ünïcødé ☃ content\n');
    await server.writeFile('dossier é/fichier ☃ ü.txt', data);
    expect(await fs.hash('/dossier é/fichier ☃ ü.txt', 'sha256')).toBe(sha256(data));
  });

  it('gives an empty file the digest of zero bytes (ProFTPD refuses check-file at offset >= size)', async () => {
    await server.writeFile('empty.txt', '');
    expect(await fs.hash('/empty.txt', 'sha256')).toBe(sha256(Buffer.alloc(0)));
  });

  it('answers null for a missing file, and the session stays usable', async () => {
    expect(await fs.hash('/no-such-file.txt', 'sha256')).toBeNull();
    await server.writeFile('after.txt', 'after');
    expect(await fs.hash('/after.txt', 'sha256')).toBe(sha256(Buffer.from('after')));
    expect((await fs.stat('/after.txt'))?.size).toBe(5);
  });

  it('hashes several files at once over the one check-file channel', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      name: `many/${i}.bin`,
      data: randomBytes(1000 + i * 777),
    }));
    for (const file of files) await server.writeFile(file.name, file.data);
    const digests = await Promise.all(files.map((file) => fs.hash(`/${file.name}`, 'sha256')));
    expect(digests).toEqual(files.map((file) => sha256(file.data)));
  });
});

describe('no check-file on OpenSSH: exec as before', () => {
  let server: RunningServer;
  let scratch: { dir: string; remove: () => void };
  let fs: SftpFileSystem;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    server = await startServer('sshd');
    scratch = scratchDir();
    fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir), logger);
  });
  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
    scratch?.remove();
  });

  it('offers the exec algorithms and hashes with sha256sum', async () => {
    expect(await fs.hashAlgorithms()).toEqual(['sha256', 'sha1', 'md5']);
    const data = randomBytes(100_000);
    await server.writeFile('x.bin', data);
    logger.lines.length = 0;
    expect(await fs.hash(server.remotePath('x.bin'), 'sha256')).toBe(sha256(data));
    expect(sentLines(logger)).toEqual([`exec sha256sum ${server.remotePath('x.bin')}`]);
  });
});
