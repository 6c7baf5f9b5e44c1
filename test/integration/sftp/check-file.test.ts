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

/** A logged-in session with a recording logger, for the tests of one describe block. */
function sessionOn(kind: 'proftpd-sftp' | 'sshd') {
  const session = {
    server: undefined as unknown as RunningServer,
    fs: undefined as unknown as SftpFileSystem,
    logger: new RecordingLogger(),
  };
  let scratch: { dir: string; remove: () => void } | undefined;
  beforeAll(async () => {
    session.server = await startServer(kind);
    scratch = scratchDir();
    session.fs = await connectWithPassword(
      session.server,
      trustingKnownHosts(session.server, scratch.dir),
      session.logger,
    );
  });
  afterAll(async () => {
    await session.fs?.close();
    await session.server?.dispose();
    scratch?.remove();
  });
  return session;
}

describe('check-file on ProFTPD mod_sftp', () => {
  const session = sessionOn('proftpd-sftp');

  it('logs in with the password and lists the chroot', async () => {
    await session.server.writeFile('hello.txt', 'hello');
    expect(await session.fs.home()).toBe('/');
    const names = (await session.fs.list('/')).map((entry) => entry.name);
    expect(names).toContain('hello.txt');
  });

  it('offers sha256 through check-file', async () => {
    const algorithms = await session.fs.hashAlgorithms();
    expect(algorithms[0]).toBe('sha256');
    expect(algorithms).toEqual(expect.arrayContaining(['sha256', 'sha1', 'md5']));
  });

  it('hashes a file on the server with sha256, sha1 and md5, no exec', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await session.server.writeFile('data.bin', data);
    session.logger.lines.length = 0;
    expect(await session.fs.hash('/data.bin', 'sha256')).toBe(sha256(data));
    expect(await session.fs.hash('/data.bin', 'sha1')).toBe(createHash('sha1').update(data).digest('hex'));
    expect(await session.fs.hash('/data.bin', 'md5')).toBe(createHash('md5').update(data).digest('hex'));
    expect(sentLines(session.logger)).toEqual([
      'check-file-name sha256 /data.bin',
      'check-file-name sha1 /data.bin',
      'check-file-name md5 /data.bin',
    ]);
  });

  it('hashes a file with a unicode name and spaces', async () => {
    const data = Buffer.from('ünïcødé ☃ content\n');
    await session.server.writeFile('dossier é/fichier ☃ ü.txt', data);
    expect(await session.fs.hash('/dossier é/fichier ☃ ü.txt', 'sha256')).toBe(sha256(data));
  });

  it('gives an empty file the digest of zero bytes (ProFTPD refuses check-file at offset >= size)', async () => {
    await session.server.writeFile('empty.txt', '');
    expect(await session.fs.hash('/empty.txt', 'sha256')).toBe(sha256(Buffer.alloc(0)));
  });

  it('answers null for a missing file, and the session stays usable', async () => {
    expect(await session.fs.hash('/no-such-file.txt', 'sha256')).toBeNull();
    await session.server.writeFile('after.txt', 'after');
    expect(await session.fs.hash('/after.txt', 'sha256')).toBe(sha256(Buffer.from('after')));
    expect((await session.fs.stat('/after.txt'))?.size).toBe(5);
  });

  it('hashes several files at once over the one check-file channel', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      name: `many/${i}.bin`,
      data: randomBytes(1000 + i * 777),
    }));
    for (const file of files) await session.server.writeFile(file.name, file.data);
    const digests = await Promise.all(files.map((file) => session.fs.hash(`/${file.name}`, 'sha256')));
    expect(digests).toEqual(files.map((file) => sha256(file.data)));
  });
});

describe('no check-file on OpenSSH: exec as before', () => {
  const session = sessionOn('sshd');

  it('offers the exec algorithms and hashes with sha256sum', async () => {
    expect(await session.fs.hashAlgorithms()).toEqual(['sha256', 'sha1', 'md5']);
    const data = randomBytes(100_000);
    await session.server.writeFile('x.bin', data);
    session.logger.lines.length = 0;
    expect(await session.fs.hash(session.server.remotePath('x.bin'), 'sha256')).toBe(sha256(data));
    expect(sentLines(session.logger)).toEqual([`exec sha256sum ${session.server.remotePath('x.bin')}`]);
  });
});
