/**
 * An upload with 'overwrite' whose first STOR is refused for now (450 file busy) before
 * the server touched the file. The retry must replace the remote file, not append to it.
 * The server offers no hash command (vsftpd, most shared hosts), so only the size is checked.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { LocalFileSystem } from '../../../src-main/fs/local-file-system.js';
import type {
  HashAlgorithm,
  TransferOptions,
  TransferResult,
} from '../../../src-main/fs/remote-file-system.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

/** A "server" on the local disk: no hash commands, and its first STOR is refused with 450. */
class BusyOnceServer extends LocalFileSystem {
  static uploads: { path: string; offset: number }[] = [];
  override hashAlgorithms(): Promise<HashAlgorithm[]> {
    return Promise.resolve([]);
  }
  override upload(source: Readable, path: string, options: TransferOptions = {}): Promise<TransferResult> {
    BusyOnceServer.uploads.push({ path, offset: options.offset ?? 0 });
    if (BusyOnceServer.uploads.length === 1) {
      source.resume();
      return Promise.reject(
        new FerryError('TEMPORARY', 'STOR failed: 450 file busy', {
          reply: { code: 450, text: 'file busy' },
        }),
      );
    }
    return super.upload(source, path, options);
  }
}

it("'overwrite' upload retried after a 450 replaces the remote file instead of appending to it", async () => {
  const fresh = Buffer.from('NEW-CONTENT:' + 'n'.repeat(88)); // 100 bytes
  const stale = Buffer.from('OLD:' + 'o'.repeat(36)); // 40 bytes, not a prefix of the new file
  await mkdir(join(scratch.root, 'server'));
  await writeFile(join(scratch.root, 'mine.txt'), fresh);
  await writeFile(join(scratch.root, 'server', 'mine.txt'), stale);
  BusyOnceServer.uploads = [];
  const queue = await scratch.open({
    connect: () => Promise.resolve(new BusyOnceServer()),
    settings: { retryBaseMs: 1, retryCapMs: 5, retries: 3, defaultOverwrite: 'overwrite' },
  });
  const [id] = await queue.add([
    {
      direction: 'upload',
      source: { location: 'local', path: join(scratch.root, 'mine.txt') },
      target: { location: 'site', path: join(scratch.root, 'server', 'mine.txt') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  const item = queue.list().find((i) => i.id === id)!;
  const remote = await readFile(join(scratch.root, 'server', 'mine.txt'));
  expect(item.state).toBe('done');
  expect(remote.toString()).toBe(fresh.toString());
  // The second STOR must start from byte 0: nothing of the old file belongs to the new one.
  expect(BusyOnceServer.uploads.map((u) => u.offset)).toEqual([0, 0]);
});
