/**
 * Writes a file that is already complete in memory to the local disk in one burst: create the
 * `.part`, write, set the time, close, rename to the final name. Synchronous on purpose: for a
 * small file each call takes microseconds, while the asynchronous API sends each of the five
 * through the thread pool and back, and those hand-offs (not the disk) were most of a small
 * file's cost. Only the queue's small-file path uses it, so a single call never blocks for
 * longer than writing SMALL_FILE_BYTES.
 */
import { closeSync, futimesSync, mkdirSync, openSync, renameSync, unlinkSync, writevSync } from 'node:fs';
import { dirname } from 'node:path';
import { localError } from './local-file-system.js';

export function commitLocalFile(
  partPath: string,
  finalPath: string,
  chunks: readonly Buffer[],
  modified: Date | null,
): void {
  const fd = openCreating(partPath);
  try {
    writeAll(fd, chunks);
    // Before the rename, so a file under its final name always has its final time too.
    if (modified) futimesSync(fd, modified, modified);
  } catch (error) {
    closeQuietly(fd);
    // A half-written .part of a file we hold in memory is worth nothing: the retry rewrites it.
    removeQuietly(partPath);
    throw localError(error, partPath);
  }
  try {
    closeSync(fd);
    renameSync(partPath, finalPath);
  } catch (error) {
    removeQuietly(partPath);
    throw localError(error, finalPath);
  }
}

/** Opens for writing; a folder deleted since the queue made it is made again (once). */
function openCreating(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw localError(error, path);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, 'w');
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

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing to clean up, or the disk refuses: the next attempt overwrites it anyway.
  }
}
