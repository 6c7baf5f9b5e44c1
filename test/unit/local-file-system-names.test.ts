/**
 * Linux file names are bytes. A folder unpacked from an old zip or copied from a Latin-1 system
 * holds names that are not UTF-8 (`café.txt` written as 63 61 66 E9). `ls` shows them; the
 * local listing used to drop them (lstat of the decoded name says ENOENT), so a folder upload
 * skipped them and reported success. They are now listed, as entries of type "other".
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileSystem } from '../../src-main/fs/local-file-system.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-review-names-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalFileSystem.list with a name that is not UTF-8', () => {
  it('does not silently leave the file out of the listing', async () => {
    await writeFile(join(dir, 'plain.txt'), 'x');
    const latin1 = Buffer.concat([
      Buffer.from(dir + '/'),
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      Buffer.from('.txt'),
    ]);
    await writeFile(latin1, 'y');
    expect((await readdir(Buffer.from(dir))).length).toBe(2); // the disk has two files

    const outcome = await new LocalFileSystem().list(dir).then(
      (entries) => entries.map((e) => e.name),
      (error: { code?: string }) => `error ${error.code}`,
    );
    // Either listed (in some form) or an error that says why: never just missing.
    expect(Array.isArray(outcome) ? outcome.length : 2, JSON.stringify(outcome)).toBe(2);
  });
});
