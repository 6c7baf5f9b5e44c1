import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { commitLocalFile } from '../../../src-main/fs/local-commit.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-commit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('commitLocalFile', () => {
  it('writes every chunk in order, sets the time, and leaves only the final name', async () => {
    const chunks = [Buffer.from('abc'), Buffer.alloc(0), Buffer.alloc(70_000, 1), Buffer.from('z')];
    const time = new Date('2021-03-04T05:06:07Z');
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), chunks, time);
    expect(await readFile(join(dir, 'f'))).toEqual(Buffer.concat(chunks));
    expect((await stat(join(dir, 'f'))).mtime.getTime()).toBe(time.getTime());
    expect(await readdir(dir)).toEqual(['f']);
  });

  it('replaces an existing file in one step', async () => {
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), [Buffer.from('old')], null);
    await commitLocalFile(join(dir, 'f.part'), join(dir, 'f'), [Buffer.from('new')], null);
    expect(await readFile(join(dir, 'f'), 'utf8')).toBe('new');
  });

  it('makes the folder again when it was deleted since the queue made it', async () => {
    const target = join(dir, 'gone', 'deeper', 'f');
    await commitLocalFile(`${target}.part`, target, [Buffer.from('x')], null);
    expect(await readFile(target, 'utf8')).toBe('x');
  });

  it('a folder that cannot be made is a typed error', async () => {
    await writeFile(join(dir, 'plain-file'), 'not a folder');
    const target = join(dir, 'plain-file', 'sub', 'f');
    await expect(commitLocalFile(`${target}.part`, target, [Buffer.from('x')], null)).rejects.toBeInstanceOf(
      FerryError,
    );
  });

  it('a final name that is a folder fails typed and leaves no .part behind', async () => {
    await mkdir(join(dir, 'taken'));
    await mkdir(join(dir, 'taken', 'inside'));
    await expect(
      commitLocalFile(join(dir, 'taken.part'), join(dir, 'taken'), [Buffer.from('x')], null),
    ).rejects.toBeInstanceOf(FerryError);
    expect(await readdir(dir)).toEqual(['taken']);
  });
});
