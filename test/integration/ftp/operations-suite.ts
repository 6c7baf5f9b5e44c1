/**
 * Every RemoteFileSystem operation against one real server in one configuration. The plain
 * and TLS test files call this for each server kind and data-connection mode.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferMode } from '../../../src-shared/model.js';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { startServer, type RunningServer, type ServerKind } from '../../harness/index.js';
import { bufferSource, connectTo, download, RecordingLogger, sha256 } from './ftp-test-kit.js';

export interface SuiteConfig {
  kind: ServerKind;
  mode: TransferMode;
  protocol?: 'ftp' | 'ftpes' | 'ftps';
  /** Whether SITE CHMOD is expected to work. */
  chmod?: boolean;
}

const NAMES = ['with space.txt', 'ünïcødé ✓.txt', 'hash#tag.txt', '100%.txt'];

export function describeOperations(config: SuiteConfig): void {
  describe(`${config.kind} ${config.protocol ?? ''} ${config.mode}`, () => {
    let server: RunningServer;
    let fs: FtpFileSystem;
    const logger = new RecordingLogger();
    const remote = (...parts: string[]): string => posix.join(server.remoteRoot, ...parts);

    beforeAll(async () => {
      server = await startServer(config.kind);
      fs = await connectTo(
        server,
        { transferMode: config.mode, ...(config.protocol ? { protocol: config.protocol } : {}) },
        { logger },
      );
    });
    afterAll(async () => {
      await fs?.close();
      await server?.stop();
    });

    it('reports security and home', async () => {
      expect(fs.connected).toBe(true);
      // pure-ftpd chroots above the test folder: home is an ancestor of remoteRoot there.
      expect(server.remoteRoot.startsWith(await fs.home())).toBe(true);
      if (config.protocol === 'ftp' || !config.protocol) {
        if (config.kind === 'proftpd') expect(fs.security?.kind).toBe('tls');
        else expect(fs.security?.kind).toBe('none');
      } else {
        expect(fs.security?.kind).toBe('tls');
        expect(fs.security?.protocolVersion).toMatch(/TLSv1\.[23]/);
      }
    });

    it('uploads and downloads 0 B, 1 B and a 3 MiB file byte-exactly', async () => {
      const files = [Buffer.alloc(0), Buffer.from([0xff]), randomBytes(3 * 1024 * 1024 + 7)];
      for (const [index, data] of files.entries()) {
        const name = `size-${index}.bin`;
        let progress = 0;
        const result = await fs.upload(bufferSource(data), remote(name), {
          onProgress: (bytes) => {
            progress = bytes;
          },
        });
        expect(result.bytes).toBe(data.length);
        expect(progress).toBe(data.length);
        expect(sha256(readFileSync(join(server.root, name)))).toBe(sha256(data));
        expect(sha256(await download(fs, remote(name)))).toBe(sha256(data));
        expect(await fs.size(remote(name))).toBe(data.length);
      }
    });

    it('handles names with spaces, unicode, # and %', async () => {
      for (const name of NAMES) {
        await fs.upload(bufferSource(Buffer.from(name)), remote(name));
        expect(readFileSync(join(server.root, name), 'utf8')).toBe(name);
      }
      const listed = (await fs.list(server.remoteRoot)).map((entry) => entry.name);
      for (const name of NAMES) expect(listed).toContain(name);
      for (const name of NAMES) {
        expect((await download(fs, remote(name))).toString()).toBe(name);
        const entry = await fs.stat(remote(name));
        expect(entry?.type).toBe('file');
        expect(entry?.size).toBe(Buffer.byteLength(name));
      }
    });

    it('lists files and folders with types, sizes and times', async () => {
      await fs.mkdir(remote('listed dir'));
      writeFileSync(join(server.root, 'listed.txt'), 'twelve bytes');
      chmodSync(join(server.root, 'listed.txt'), 0o644);
      const entries = await fs.list(server.remoteRoot);
      const file = entries.find((entry) => entry.name === 'listed.txt');
      const dir = entries.find((entry) => entry.name === 'listed dir');
      expect(file).toMatchObject({ type: 'file', size: 12 });
      expect(
        Math.abs((file?.modified ?? 0) - statSync(join(server.root, 'listed.txt')).mtimeMs),
      ).toBeLessThan(366 * 24 * 3600 * 1000);
      expect(dir?.type).toBe('dir');
      expect(entries.some((entry) => entry.name === '.' || entry.name === '..')).toBe(false);
      expect(await fs.list(remote('listed dir'))).toEqual([]);
      expect(await fs.stat(remote('listed dir'))).toMatchObject({ type: 'dir' });
      expect(await fs.stat(remote('does-not-exist'))).toBeNull();
    });

    it('renames, deletes, creates and removes folders recursively', async () => {
      await fs.upload(bufferSource(Buffer.from('x')), remote('before.txt'));
      await fs.rename(remote('before.txt'), remote('after name.txt'));
      expect(await fs.stat(remote('before.txt'))).toBeNull();
      expect(readFileSync(join(server.root, 'after name.txt'), 'utf8')).toBe('x');
      await fs.deleteFile(remote('after name.txt'));
      expect(await fs.stat(remote('after name.txt'))).toBeNull();

      await fs.mkdir(remote('tree'));
      await fs.mkdir(remote('tree', 'sub dir'));
      await fs.upload(bufferSource(Buffer.from('a')), remote('tree', 'a.txt'));
      await fs.upload(bufferSource(Buffer.from('b')), remote('tree', 'sub dir', 'b.txt'));
      await expect(fs.mkdir(remote('tree'))).rejects.toMatchObject({ retryable: false });
      await fs.removeDir(remote('tree'), true);
      expect(await fs.stat(remote('tree'))).toBeNull();
    });

    it('maps a missing file to NOT_FOUND with the 550 reply', async () => {
      const error = await download(fs, remote('missing.bin')).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'NOT_FOUND', retryable: false, reply: { code: 550 } });
      // The session survives a refused transfer.
      expect((await fs.raw('NOOP')).code).toBe(200);
    });

    it('resumes downloads and uploads at an offset (REST)', async () => {
      const data = randomBytes(1024 * 1024 + 3);
      writeFileSync(join(server.root, 'resume.bin'), data);
      const tail = await (async () => {
        const sink = new (await import('./ftp-test-kit.js')).BufferSink();
        const result = await fs.download(remote('resume.bin'), sink, { offset: 1000 });
        expect(result.bytes).toBe(data.length - 1000);
        return sink.data;
      })();
      expect(sha256(tail)).toBe(sha256(data.subarray(1000)));

      await fs.upload(bufferSource(data.subarray(0, 5000)), remote('resume-up.bin'));
      await fs.upload(bufferSource(data.subarray(5000)), remote('resume-up.bin'), { offset: 5000 });
      expect(sha256(readFileSync(join(server.root, 'resume-up.bin')))).toBe(sha256(data));
    });

    it('converts line endings in ASCII mode and leaves binary untouched', async () => {
      const text = Buffer.from('line one\nline two\n\nend\n');
      const wire = 'line one\r\nline two\r\n\r\nend\r\n';
      await fs.upload(bufferSource(text), remote('ascii.txt'), { ascii: true });
      // vsftpd stores the wire bytes (CRLF, proving the conversion); the others store TYPE A
      // text in their native LF form, as RFC 959 allows.
      const stored = readFileSync(join(server.root, 'ascii.txt'), 'latin1');
      if (config.kind.startsWith('vsftpd')) expect(stored).toBe(wire);
      else expect([wire, text.toString()]).toContain(stored);
      expect(logger.text()).toContain('sent: TYPE A');
      const back = new (await import('./ftp-test-kit.js')).BufferSink();
      await fs.download(remote('ascii.txt'), back, { ascii: true });
      expect(back.data.toString()).toBe(text.toString());
      if (config.kind.startsWith('vsftpd')) {
        // vsftpd sends files as they are: a CRLF file arrives with LF endings in ASCII mode.
        writeFileSync(join(server.root, 'dos.txt'), 'a\r\nb\r\n');
        const dos = new (await import('./ftp-test-kit.js')).BufferSink();
        await fs.download(remote('dos.txt'), dos, { ascii: true });
        expect(dos.data.toString()).toBe('a\nb\n');
      }
      const binary = Buffer.from('a\r\nb\nc\r');
      await fs.upload(bufferSource(binary), remote('binary.txt'));
      expect(readFileSync(join(server.root, 'binary.txt'))).toEqual(binary);
      expect(await download(fs, remote('binary.txt'))).toEqual(binary);
    });

    it("uses ASCII mode for the site's text extensions unless told otherwise", async () => {
      const textFs = await connectTo(server, {
        transferMode: config.mode,
        asciiExtensions: ['txt', '.CSV'],
        ...(config.protocol ? { protocol: config.protocol } : {}),
      });
      try {
        await textFs.upload(bufferSource(Buffer.from('a\nb\n')), remote('table.csv'));
        await textFs.upload(bufferSource(Buffer.from('a\nb\n')), remote('table.bin'));
        await textFs.upload(bufferSource(Buffer.from('a\nb\n')), remote('forced.txt'), { ascii: false });
        if (config.kind.startsWith('vsftpd')) {
          expect(readFileSync(join(server.root, 'table.csv'), 'latin1')).toBe('a\r\nb\r\n');
        }
        expect(readFileSync(join(server.root, 'table.bin'), 'latin1')).toBe('a\nb\n');
        expect(readFileSync(join(server.root, 'forced.txt'), 'latin1')).toBe('a\nb\n');
      } finally {
        await textFs.close();
      }
    });

    it('reads and sets modification times', async () => {
      await fs.upload(bufferSource(Buffer.from('t')), remote('timed.txt'));
      const when = new Date(Date.UTC(2020, 1, 3, 4, 5, 6));
      try {
        await fs.setModified(remote('timed.txt'), when);
      } catch (error) {
        expect(error).toMatchObject({ code: 'UNSUPPORTED' });
        return;
      }
      expect(statSync(join(server.root, 'timed.txt')).mtimeMs).toBe(when.getTime());
      expect(await fs.modified(remote('timed.txt'))).toBe(when.getTime());
    });

    it('changes permissions with SITE CHMOD', async () => {
      await fs.upload(bufferSource(Buffer.from('p')), remote('mode.txt'));
      if (config.chmod === false) {
        await expect(fs.chmod(remote('mode.txt'), 0o600)).rejects.toMatchObject({ retryable: false });
        return;
      }
      await fs.chmod(remote('mode.txt'), 0o600);
      expect(statSync(join(server.root, 'mode.txt')).mode & 0o777).toBe(0o600);
    });

    it('changes folders with CWD, CDUP and PWD', async () => {
      await fs.mkdir(remote('walk'));
      await fs.cwd(remote('walk'));
      expect(await fs.pwd()).toBe(remote('walk'));
      await fs.cdup();
      expect(await fs.pwd()).toBe(server.remoteRoot);
      await expect(fs.cwd(remote('nowhere'))).rejects.toMatchObject({
        code: 'NOT_FOUND',
        reply: { code: 550 },
      });
    });

    it('appends with APPE', async () => {
      await fs.upload(bufferSource(Buffer.from('head-')), remote('appended.txt'));
      await fs.append(bufferSource(Buffer.from('tail')), remote('appended.txt'));
      expect(readFileSync(join(server.root, 'appended.txt'), 'utf8')).toBe('head-tail');
    });

    it('sends a raw command and returns the reply whatever its code', async () => {
      expect((await fs.raw('SYST')).code).toBe(215);
      expect((await fs.raw('XYZZY')).code).toBeGreaterThanOrEqual(500);
      await expect(fs.raw('NOOP\r\nDELE x')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });

    it('computes server-side hashes when offered', async () => {
      const data = Buffer.from('hash me');
      await fs.upload(bufferSource(data), remote('hashed.txt'));
      const algorithms = await fs.hashAlgorithms();
      for (const algorithm of algorithms) {
        const digest = await fs.hash(remote('hashed.txt'), algorithm);
        if (algorithm === 'sha256') expect(digest).toBe(sha256(data));
        else expect(digest).toMatch(/^[0-9a-f]+$/);
      }
      if (algorithms.length === 0) expect(await fs.hash(remote('hashed.txt'), 'sha256')).toBeNull();
    });

    it('never logs the password', () => {
      expect(logger.text()).not.toContain(server.password);
      expect(logger.text()).toContain('PASS ****');
    });
  });
}

function randomBytes(length: number): Buffer {
  const data = Buffer.alloc(length);
  let seed = length;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = seed >> 16;
  }
  return data;
}
