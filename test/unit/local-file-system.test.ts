import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../src-shared/errors.js';
import { LocalFileSystem, localError, permissionString } from '../../src-main/fs/local-file-system.js';

let dir: string;
const fs = new LocalFileSystem();
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-lfs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string, offset = 0): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await fs.download(path, sink, { offset });
  return Buffer.concat(chunks);
}

describe('LocalFileSystem', () => {
  it('lists files, folders and symbolic links with their details', async () => {
    await writeFile(join(dir, 'a.txt'), 'hello');
    await chmod(join(dir, 'a.txt'), 0o640);
    await mkdir(join(dir, 'sub'));
    await symlink('a.txt', join(dir, 'link'));
    const entries = await fs.list(dir);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['a.txt']).toMatchObject({ type: 'file', size: 5, permissions: 'rw-r-----', mode: 0o640 });
    expect(byName['a.txt']?.owner).toMatch(/^\d+$/);
    expect(byName['sub']?.type).toBe('dir');
    expect(byName['link']).toMatchObject({ type: 'symlink', linkTarget: 'a.txt' });
  });

  it('stat follows links, reports dangling links and returns null for nothing', async () => {
    await writeFile(join(dir, 'a'), 'x');
    await symlink('a', join(dir, 'l'));
    await symlink('missing', join(dir, 'dangling'));
    expect((await fs.stat(join(dir, 'l')))?.type).toBe('file');
    expect((await fs.stat(join(dir, 'dangling')))?.type).toBe('symlink');
    expect(await fs.stat(join(dir, 'nothing'))).toBeNull();
  });

  it('downloads from an offset and uploads with append at an offset', async () => {
    const path = join(dir, 'f');
    await writeFile(path, '0123456789');
    expect((await collect(path, 4)).toString()).toBe('456789');
    await fs.upload(Readable.from([Buffer.from('abc')]), path, { offset: 3 });
    expect(await readFile(path, 'utf8')).toBe('012abc');
    const result = await fs.upload(Readable.from([Buffer.from('new')]), join(dir, 'g'));
    expect(result.bytes).toBe(3);
  });

  it('hashes by streaming', async () => {
    await writeFile(join(dir, 'h'), 'ferry');
    expect(await fs.hash(join(dir, 'h'), 'sha256')).toBe(createHash('sha256').update('ferry').digest('hex'));
    expect(await fs.hash(join(dir, 'h'), 'crc32')).toBeNull();
  });

  it('renames, changes times, deletes and removes folders recursively', async () => {
    await mkdir(join(dir, 'd/e'), { recursive: true });
    await writeFile(join(dir, 'd/e/f'), '1');
    await fs.rename(join(dir, 'd/e/f'), join(dir, 'd/g'));
    const when = new Date(Date.UTC(2020, 1, 2, 3, 4, 5));
    await fs.setModified(join(dir, 'd/g'), when);
    expect((await stat(join(dir, 'd/g'))).mtimeMs).toBe(when.getTime());
    await fs.deleteFile(join(dir, 'd/g'));
    await fs.removeDir(join(dir, 'd'), true);
    expect(await fs.stat(join(dir, 'd'))).toBeNull();
  });

  it('maps errors to codes a person can act on', async () => {
    await expect(fs.list(join(dir, 'none'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await mkdir(join(dir, 'x'));
    await expect(fs.mkdir(join(dir, 'x'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const rows: { errno: string; code: string }[] = [
      { errno: 'EACCES', code: 'PERMISSION_DENIED' },
      { errno: 'EPERM', code: 'PERMISSION_DENIED' },
      { errno: 'ENOSPC', code: 'DISK_FULL' },
      { errno: 'EDQUOT', code: 'DISK_FULL' },
      { errno: 'EIO', code: 'LOCAL_IO' },
    ];
    for (const row of rows) {
      const error = localError(Object.assign(new Error(row.errno), { code: row.errno }), '/p');
      expect(error).toBeInstanceOf(FerryError);
      expect(error.code).toBe(row.code);
    }
    expect(localError(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/p').hint).toMatch(/\.part/);
  });

  it("passes the other end's network failure on unchanged, not as a local file error", async () => {
    // An upload reads this file into a data connection; a reset there fails the pipe with the
    // socket's `read ECONNRESET`, which must stay a retryable network error, not LOCAL_IO.
    await writeFile(join(dir, 'up.bin'), Buffer.alloc(256 * 1024));
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    const failing = new Writable({ write: (_chunk, _encoding, done) => done(reset) });
    await expect(fs.download(join(dir, 'up.bin'), failing)).rejects.toBe(reset);
    // And a download's source that breaks the same way leaves the local write alone.
    const broken = new Readable({ read: () => undefined });
    setImmediate(() => broken.destroy(reset));
    await expect(fs.upload(broken, join(dir, 'down.bin'))).rejects.toBe(reset);
  });

  it('formats permissions like ls', () => {
    expect(permissionString(0o755)).toBe('rwxr-xr-x');
    expect(permissionString(0o4755)).toBe('rwsr-xr-x');
    expect(permissionString(0o1777)).toBe('rwxrwxrwt');
    expect(permissionString(0o2644)).toBe('rw-r-Sr--');
  });
});
