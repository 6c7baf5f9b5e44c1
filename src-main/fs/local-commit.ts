/**
 * Writes a file that is already complete in memory to the local disk: create the `.part`,
 * write, set the time, close, rename to the final name. The two namespace operations (create,
 * rename) go through the thread pool: they are the ones a busy file system can hold up for a
 * millisecond or more, and the event loop must keep serving the other connections meanwhile.
 * Writing at most SMALL_FILE_BYTES, setting the time and closing happen synchronously on the
 * open descriptor, saving three thread-pool round trips per file, which for a tree of small
 * files cost more than the writing itself.
 */
import { closeSync, futimesSync, open as openCallback, writevSync } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { localError } from './local-file-system.js';

const openFd = promisify(openCallback);

export async function commitLocalFile(
  partPath: string,
  finalPath: string,
  chunks: readonly Buffer[],
  modified: Date | null,
): Promise<void> {
  const fd = await openCreating(partPath);
  try {
    writeAll(fd, chunks);
    // Before the rename, so a file under its final name always has its final time too.
    if (modified) futimesSync(fd, modified, modified);
  } catch (error) {
    closeQuietly(fd);
    // A half-written .part of a file we hold in memory is worth nothing: the retry rewrites it.
    await removeQuietly(partPath);
    throw localError(error, partPath);
  }
  try {
    closeSync(fd);
    await rename(partPath, finalPath);
  } catch (error) {
    await removeQuietly(partPath);
    throw localError(error, finalPath);
  }
}

/** Opens for writing; a folder deleted since the queue made it is made again (once). */
async function openCreating(path: string): Promise<number> {
  try {
    return await openFd(path, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw localError(error, path);
  }
  try {
    await mkdir(dirname(path), { recursive: true });
    return await openFd(path, 'w');
  } catch (error) {
    throw localError(error, path);
  }
}

/** writev may write less than asked (a signal, a nearly full disk): go on from where it stopped. */
function writeAll(fd: number, chunks: readonly Buffer[]): void {
  let pending = chunks.filter((c) => c.length > 0);
  while (pending.length > 0) {
    let written = writevSync(fd, pending);
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (written >= chunk.length) {
        written -= chunk.length;
        continue;
      }
      rest.push(written > 0 ? chunk.subarray(written) : chunk);
      written = 0;
    }
    pending = rest;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing; the first error is the one worth reporting.
  }
}

async function removeQuietly(path: string): Promise<void> {
  // Nothing to clean up, or the disk refuses: the next attempt overwrites it anyway.
  await unlink(path).catch(() => undefined);
}
