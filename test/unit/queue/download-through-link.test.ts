/**
 * Downloading a symbolic link that leads to a file (what double-clicking such a link does).
 * A server describes the link itself: a LIST line, or SFTP's lstat, gives the link's own size,
 * the length of the name it points to. Checked against that, the download "grew during the
 * transfer" and was retried for ever; it must arrive whole.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { LocalFileSystem } from '../../../src-main/fs/local-file-system.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

/** Describes every path as a link whose own size is 7 bytes ("app.log"), as vsftpd's LIST does. */
class LinkDescribingServer extends LocalFileSystem {
  override async stat(path: string): Promise<FileEntry | null> {
    const entry = await super.stat(path);
    return entry && { ...entry, type: 'symlink', size: 7, linkTarget: 'app.log' };
  }
}

it('downloads the file a link leads to, whatever the link’s own size', async () => {
  await writeFile(join(scratch.root, 'app.log'), 'a log line longer than seven bytes\n');
  const queue = await scratch.open({
    connect: () => Promise.resolve(new LinkDescribingServer()),
    settings: { defaultOverwrite: 'overwrite' },
  });
  const [id] = await queue.add([
    {
      direction: 'download',
      source: { location: 'site', path: join(scratch.root, 'app.log') },
      target: { location: 'local', path: join(scratch.root, 'latest.log') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  expect(queue.get(id!)).toMatchObject({ state: 'done', attempts: 1 });
  expect(await readFile(join(scratch.root, 'latest.log'), 'utf8')).toBe(
    'a log line longer than seven bytes\n',
  );
});
