import * as fs from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import {
  commitLocalFile,
  commitSync,
  DiskWriter,
  diskWriterMode,
} from '../../../src-main/fs/local-commit.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-commit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('commitLocalFile', () => {
  it('writes the bytes, sets the time, and leaves only the final name, from the worker thread', async () => {
    const data = Buffer.concat([Buffer.from('abc'), Buffer.alloc(70_000, 1), Buffer.from('z')]);
    const time = new Date('2021-03-04T05:06:07Z');
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), Buffer.from(data), time);
    expect(await readFile(join(dir, 'f'))).toEqual(data);
    expect((await stat(join(dir, 'f'))).mtime.getTime()).toBe(time.getTime());
    expect(await readdir(dir)).toEqual(['f']);
    expect(diskWriterMode()).toBe('worker');
  });

  it('leaves the caller a usable buffer when the bytes are a view on a shared pool', async () => {
    const pooled = Buffer.from('small and pooled');
    const neighbour = Buffer.from('next to it');
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), pooled, null);
    expect(pooled.toString()).toBe('small and pooled');
    expect(neighbour.toString()).toBe('next to it');
    expect(await readFile(join(dir, 'f'), 'utf8')).toBe('small and pooled');
  });

  it('writes an empty file', async () => {
    await commitLocalFile(join(dir, 'e.part'), join(dir, 'e'), Buffer.alloc(0), null);
    expect((await stat(join(dir, 'e'))).size).toBe(0);
  });

  it('replaces an existing file in one step', async () => {
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), Buffer.from('old'), null);
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), Buffer.from('new'), null);
    expect(await readFile(join(dir, 'f'), 'utf8')).toBe('new');
  });

  it('commits hundreds of files at once, in batches, each with its own bytes and time', async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({
      path: join(dir, `f${i}`),
      data: Buffer.alloc(1 + ((i * 7919) % 40_000), i % 251),
      time: new Date(Date.UTC(2020, 0, 1 + (i % 28))),
    }));
    await Promise.all(
      files.map((f) => commitLocalFile(`${f.path}.part`, f.path, Buffer.from(f.data), f.time)),
    );
    for (const f of files) {
      // Buffer.equals: a deep toEqual over 6 MB of bytes takes seconds.
      expect((await readFile(f.path)).equals(f.data)).toBe(true);
      expect((await stat(f.path)).mtime.getTime()).toBe(f.time.getTime());
    }
    expect((await readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('one failing file in a batch fails alone', async () => {
    await mkdir(join(dir, 'taken'));
    await mkdir(join(dir, 'taken', 'inside'));
    const results = await Promise.allSettled([
      commitLocalFile(join(dir, 'a.part'), join(dir, 'a'), Buffer.from('a'), null),
      commitLocalFile(join(dir, 'taken.part'), join(dir, 'taken'), Buffer.from('x'), null),
      commitLocalFile(join(dir, 'b.part'), join(dir, 'b'), Buffer.from('b'), null),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await readdir(dir)).sort()).toEqual(['a', 'b', 'taken']);
  });

  it('makes the folder again when it was deleted since the queue made it', async () => {
    const target = join(dir, 'gone', 'deeper', 'f');
    await commitLocalFile(`${target}.part`, target, Buffer.from('x'), null);
    expect(await readFile(target, 'utf8')).toBe('x');
  });

  it('a folder that cannot be made is a typed error', async () => {
    await writeFile(join(dir, 'plain-file'), 'not a folder');
    const target = join(dir, 'plain-file', 'sub', 'f');
    await expect(commitLocalFile(`${target}.part`, target, Buffer.from('x'), null)).rejects.toBeInstanceOf(
      FerryError,
    );
  });

  it('a final name that is a folder fails typed and leaves no .part behind', async () => {
    await mkdir(join(dir, 'taken'));
    await mkdir(join(dir, 'taken', 'inside'));
    const failure = commitLocalFile(join(dir, 'taken.part'), join(dir, 'taken'), Buffer.from('x'), null);
    await expect(failure).rejects.toBeInstanceOf(FerryError);
    await expect(failure).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readdir(dir)).toEqual(['taken']);
  });
});

describe('commitLocalFile with something to wait for first (the queue journal)', () => {
  it('waits for it before any file of the batch exists, and asks once for the whole batch', async () => {
    let calls = 0;
    const seenBefore: string[][] = [];
    const before = async () => {
      calls++;
      seenBefore.push(await readdir(dir));
    };
    const names = Array.from({ length: 8 }, (_, i) => `f${i}`);
    await Promise.all(
      names.map((name) =>
        commitLocalFile(join(dir, `${name}.part`), join(dir, name), Buffer.from(name), null, before),
      ),
    );
    expect(calls).toBe(1);
    expect(seenBefore).toEqual([[]]);
    expect((await readdir(dir)).sort()).toEqual(names);
  });

  it('when it fails, the files of its batch fail with its error and none is written', async () => {
    const refused = new Error('journal refused');
    const results = await Promise.allSettled(
      ['a', 'b'].map((name) =>
        commitLocalFile(join(dir, `${name}.part`), join(dir, name), Buffer.from(name), null, () =>
          Promise.reject(refused),
        ),
      ),
    );
    expect(results).toEqual([
      { status: 'rejected', reason: refused },
      { status: 'rejected', reason: refused },
    ]);
    expect(await readdir(dir)).toEqual([]);
    // The writer goes on with the next files.
    await commitLocalFile(join(dir, 'c.part'), join(dir, 'c'), Buffer.from('c'), null);
    expect(await readdir(dir)).toEqual(['c']);
  });

  it('is waited for on this thread too, after the worker died', async () => {
    const writer = new DiskWriter();
    await writer.write(join(dir, 'a.part'), join(dir, 'a'), Buffer.from('a'), null);
    await writer.terminate();
    expect(writer.mode).toBe('this-thread');
    const order: string[] = [];
    await writer.write(join(dir, 'b.part'), join(dir, 'b'), Buffer.from('b'), null, async () => {
      order.push(`before: ${(await readdir(dir)).filter((n) => n.startsWith('b')).join(',')}`);
    });
    order.push(`after: ${(await readdir(dir)).filter((n) => n.startsWith('b')).join(',')}`);
    expect(order).toEqual(['before: ', 'after: b']);
  });
});

describe('DiskWriter when its worker dies', () => {
  it('fails the files it held retryably, then writes on this thread and loses nothing', async () => {
    const writer = new DiskWriter();
    await writer.write(join(dir, 'a.part'), join(dir, 'a'), Buffer.from('before'), null);
    expect(writer.mode).toBe('worker');
    // Still waiting in its batch when the worker goes.
    const held = writer.write(join(dir, 'b.part'), join(dir, 'b'), Buffer.from('held'), null);
    await writer.terminate();
    await expect(held).rejects.toMatchObject({ code: 'LOCAL_IO', retryable: true });
    expect(writer.mode).toBe('this-thread');
    await writer.write(join(dir, 'b.part'), join(dir, 'b'), Buffer.from('after'), null);
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('before');
    expect(await readFile(join(dir, 'b'), 'utf8')).toBe('after');
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
  });
});

describe('commitSync (the worker body, with a disk that misbehaves)', () => {
  const job = (data: Buffer) => ({
    part: join(dir, 'f.part'),
    final: join(dir, 'f'),
    data: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer,
    length: data.length,
    modified: null,
  });

  it('goes on after short writes until every byte is written', () => {
    const data = Buffer.alloc(10_000, 7);
    let calls = 0;
    const shortWrites = {
      ...fs,
      writeSync: ((fd: number, bytes: Uint8Array, offset: number, length: number) => {
        calls++;
        return fs.writeSync(fd, bytes, offset, Math.min(length, 999));
      }) as typeof fs.writeSync,
    };
    expect(commitSync(shortWrites, dirname, job(data))).toBeNull();
    expect(fs.readFileSync(join(dir, 'f'))).toEqual(data);
    expect(calls).toBe(11);
  });

  it('a full disk is reported with its errno and leaves neither .part nor final name', () => {
    const fullDisk = {
      ...fs,
      writeSync: (() => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          syscall: 'write',
        });
      }) as typeof fs.writeSync,
    };
    expect(commitSync(fullDisk, dirname, job(Buffer.from('x')))).toMatchObject({
      code: 'ENOSPC',
      path: join(dir, 'f.part'),
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
