/** Every RemoteFileSystem operation against OpenSSH's sftp server, checked on the server's own disk. */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  lchownSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  chmodSync,
  chownSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Transform, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SftpFileSystem } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectWithPassword, scratchDir, sha256, sha256File, trustingKnownHosts } from './sftp-test-kit.js';

let server: RunningServer;
let scratch: { dir: string; remove: () => void };
let fs: SftpFileSystem;
const BIG = 100 * 1024 * 1024 + 12_345;

beforeAll(async () => {
  server = await startServer('sshd');
  scratch = scratchDir();
  fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir));
});
afterAll(async () => {
  await fs?.close();
  await server?.dispose();
  scratch?.remove();
});

const remote = (relative: string): string => server.remotePath(relative);

async function downloadToFile(path: string, local: string, offset = 0): Promise<number> {
  const sink = createWriteStream(local, { flags: offset > 0 ? 'a' : 'w' });
  const result = await fs.download(path, sink, { offset });
  sink.end();
  await finished(sink);
  return result.bytes;
}

describe('SFTP operations', () => {
  it('reports the home folder and realpath', async () => {
    const home = await fs.home();
    expect(home).toBe(execFileSync('getent', ['passwd', server.user], { encoding: 'utf8' }).split(':')[5]);
    expect(await fs.realpath(`${remote('')}/./`)).toBe(server.remoteRoot);
  });

  it('lists files, folders, symlinks with targets, permissions and owner names', async () => {
    await server.writeFile('list/a.txt', 'hello');
    await server.mkdir('list/sub');
    await server.writeFile('list/ünïcødé ☃.txt', 'x');
    const link = join(server.localPath('list'), 'link');
    symlinkSync('a.txt', link);
    lchownSync(link, server.uid, server.gid);
    chmodSync(server.localPath('list/a.txt'), 0o640);
    const entries = await fs.list(remote('list'));
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['a.txt', 'link', 'sub', 'ünïcødé ☃.txt']);
    expect(byName.get('a.txt')).toMatchObject({
      type: 'file',
      size: 5,
      permissions: 'rw-r-----',
      mode: 0o640,
      owner: server.user,
    });
    expect(byName.get('sub')).toMatchObject({ type: 'dir', permissions: 'rwxr-xr-x' });
    expect(byName.get('link')).toMatchObject({ type: 'symlink', linkTarget: 'a.txt' });
    expect(byName.get('a.txt')?.modified).toBe(
      Math.floor(statSync(server.localPath('list/a.txt')).mtimeMs / 1000) * 1000,
    );
  });

  it('stats files, folders and symlinks, and returns null for nothing', async () => {
    await server.writeFile('stat/f.bin', Buffer.alloc(3));
    expect(await fs.stat(remote('stat/f.bin'))).toMatchObject({ name: 'f.bin', type: 'file', size: 3 });
    expect(await fs.stat(remote('stat'))).toMatchObject({ name: 'stat', type: 'dir' });
    expect(await fs.stat(remote('stat/missing'))).toBeNull();
    const link = join(server.localPath('stat'), 'l');
    symlinkSync('/nonexistent/target', link);
    expect(await fs.stat(remote('stat/l'))).toMatchObject({
      type: 'symlink',
      linkTarget: '/nonexistent/target',
    });
  });

  it('makes folders and says when one already exists', async () => {
    await fs.mkdir(remote('made ✓'));
    expect(statSync(server.localPath('made ✓')).isDirectory()).toBe(true);
    await expect(fs.mkdir(remote('made ✓'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(fs.mkdir(remote('no/such/parent'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renames, replacing an existing target atomically', async () => {
    await server.writeFile('ren/from.txt', 'new');
    await server.writeFile('ren/to.txt', 'old');
    await fs.rename(remote('ren/from.txt'), remote('ren/to.txt'));
    expect(readFileSync(server.localPath('ren/to.txt'), 'utf8')).toBe('new');
    expect(existsSync(server.localPath('ren/from.txt'))).toBe(false);
    await expect(fs.rename(remote('ren/gone'), remote('ren/x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes files and removes folder trees without following symlinks', async () => {
    await server.writeFile('tree/a/b/c.txt', 'c');
    await server.writeFile('tree/a/d.txt', 'd');
    await server.writeFile('outside/keep.txt', 'keep');
    symlinkSync(server.localPath('outside'), server.localPath('tree/a/link-to-outside'));
    await fs.deleteFile(remote('tree/a/d.txt'));
    expect(existsSync(server.localPath('tree/a/d.txt'))).toBe(false);
    await expect(fs.deleteFile(remote('tree/a/d.txt'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(fs.removeDir(remote('tree'), false)).rejects.toMatchObject({ code: 'PERMANENT' });
    await fs.removeDir(remote('tree'), true);
    expect(existsSync(server.localPath('tree'))).toBe(false);
    expect(readFileSync(server.localPath('outside/keep.txt'), 'utf8')).toBe('keep');
  });

  it('changes permissions and the modification time, keeping the access time', async () => {
    const local = await server.writeFile('meta/f.txt', 'm');
    await fs.chmod(remote('meta/f.txt'), 0o604);
    expect(statSync(local).mode & 0o7777).toBe(0o604);
    const atime = new Date('2020-02-02T02:02:02Z');
    utimesSync(local, atime, new Date());
    await fs.setModified(remote('meta/f.txt'), new Date('2021-03-04T05:06:07Z'));
    const after = statSync(local);
    expect(after.mtime.toISOString()).toBe('2021-03-04T05:06:07.000Z');
    expect(after.atime.toISOString()).toBe(atime.toISOString());
  });

  describe.each([
    { size: 0, name: 'empty ∅.bin' },
    { size: 1, name: 'one byte ①.bin' },
    { size: BIG, name: 'big 日本語 файл.bin' },
  ])('$size-byte file "$name"', ({ size, name }) => {
    it('uploads and downloads sha256-exact, and hashes on the server', async () => {
      const source = join(scratch.dir, `src-${size}`);
      execFileSync('sh', ['-c', `head -c ${size} /dev/urandom > "$1"`, 'sh', source]);
      const expected = await sha256File(source);
      await server.mkdir('xfer');
      const progress: number[] = [];
      const up = await fs.upload(createReadStream(source), remote(`xfer/${name}`), {
        onProgress: (n) => progress.push(n),
      });
      expect(up.bytes).toBe(size);
      expect(progress.at(-1) ?? 0).toBe(size);
      expect(await sha256File(server.localPath(`xfer/${name}`))).toBe(expected);
      const back = join(scratch.dir, `back-${size}`);
      expect(await downloadToFile(remote(`xfer/${name}`), back)).toBe(size);
      expect(await sha256File(back)).toBe(expected);
      expect((await fs.stat(remote(`xfer/${name}`)))?.size).toBe(size);
      expect(await fs.hash(remote(`xfer/${name}`), 'sha256')).toBe(expected);
    });
  });

  it('hashes with every algorithm it reports, quoting hostile names', async () => {
    const data = Buffer.from("it's $(touch /tmp/ferry-pwned) `id`");
    await server.writeFile("hash/it's $(touch x) `id` ☃.txt", data);
    const algorithms = await fs.hashAlgorithms();
    expect(algorithms).toEqual(expect.arrayContaining(['sha256', 'sha1', 'md5']));
    const path = remote("hash/it's $(touch x) `id` ☃.txt");
    expect(await fs.hash(path, 'sha256')).toBe(sha256(data));
    expect(await fs.hash(path, 'md5')).toBe(
      execFileSync('md5sum', { input: data, encoding: 'utf8' }).slice(0, 32),
    );
    expect(await fs.hash(path, 'crc32')).toBeNull();
    expect(await fs.hash(remote('hash/missing'), 'sha256')).toBeNull();
    expect(existsSync(server.localPath('hash/x'))).toBe(false);
  });

  it('resumes a download aborted halfway, from the local size', async () => {
    const size = 20 * 1024 * 1024 + 7;
    const source = join(scratch.dir, 'resume-down-src');
    execFileSync('sh', ['-c', `head -c ${size} /dev/urandom > "$1"`, 'sh', source]);
    await server.writeFile('resume/down.bin', readFileSync(source));
    const local = join(scratch.dir, 'resume-down-local');
    const controller = new AbortController();
    const sink = createWriteStream(local);
    const aborted = await fs
      .download(remote('resume/down.bin'), sink, {
        signal: controller.signal,
        onProgress: (n) => n >= size / 2 && controller.abort(),
      })
      .catch((error: unknown) => error);
    sink.end();
    await finished(sink);
    expect(aborted).toMatchObject({ code: 'CANCELLED' });
    const partial = statSync(local).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(size);
    expect(fs.connected).toBe(true);
    expect(await downloadToFile(remote('resume/down.bin'), local, partial)).toBe(size - partial);
    expect(await sha256File(local)).toBe(await sha256File(source));
  });

  it('resumes an upload aborted halfway, from the remote size', async () => {
    const size = 20 * 1024 * 1024 + 11;
    const source = join(scratch.dir, 'resume-up-src');
    execFileSync('sh', ['-c', `head -c ${size} /dev/urandom > "$1"`, 'sh', source]);
    await server.mkdir('resume');
    const controller = new AbortController();
    // Abort once half the file has been read from disk: what was sent by then still lands.
    let read = 0;
    const halfway = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        read += chunk.length;
        if (read >= size / 2) controller.abort();
        callback(null, chunk);
      },
    });
    const aborted = await fs
      .upload(createReadStream(source).pipe(halfway), remote('resume/up.bin'), { signal: controller.signal })
      .catch((error: unknown) => error);
    expect(aborted).toMatchObject({ code: 'CANCELLED' });
    const partial = (await fs.stat(remote('resume/up.bin')))?.size ?? 0;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(size);
    const rest = await fs.upload(createReadStream(source, { start: partial }), remote('resume/up.bin'), {
      offset: partial,
    });
    expect(rest.bytes).toBe(size - partial);
    expect(await sha256File(server.localPath('resume/up.bin'))).toBe(await sha256File(source));
  });

  it('surfaces permission problems and missing files as typed errors', async () => {
    const locked = await server.mkdir('locked');
    writeFileSync(join(locked, 'secret'), 'root only');
    chmodSync(join(locked, 'secret'), 0o600);
    chownSync(locked, 0, 0);
    chmodSync(locked, 0o755);
    const upload = await fs
      .upload(PassThrough.from(['x']), remote('locked/new.txt'))
      .catch((e: unknown) => e);
    expect(upload).toMatchObject({ code: 'PERMISSION_DENIED', retryable: false, hint: expect.any(String) });
    const download = await fs.download(remote('locked/secret'), new PassThrough()).catch((e: unknown) => e);
    expect(download).toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(fs.deleteFile(remote('locked/secret'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(fs.download(remote('nothing/here'), new PassThrough())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(fs.list(remote('nothing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.connected).toBe(true);
  });

  it('reports a lost connection as CONNECTION_LOST, retryable, for every later call', async () => {
    await server.writeFile('lost/f.bin', Buffer.alloc(30 * 1024 * 1024));
    const slowSink = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 5);
      },
    });
    const running = fs.download(remote('lost/f.bin'), slowSink).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.stop();
    const error = await running;
    expect(error).toMatchObject({ code: 'CONNECTION_LOST', retryable: true, hint: expect.any(String) });
    expect(fs.connected).toBe(false);
    await expect(fs.list(remote(''))).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
    await server.start();
  });
});
