/**
 * ferry get / put for single files: streamed, resumable with --resume (REST / offset),
 * size-checked afterwards, with a progress bar at a terminal.
 */
import { constants, createReadStream, ftruncateSync } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import { createSyncFileSink } from '../fs/sync-file-sink.js';
import { freeName } from '../queue/overwrite-decision.js';
import { pathOrHome, type CliContext } from './cli-context.js';
import { withRemote } from './file-commands.js';
import { chooseOverwrite, type OverwriteFlags } from './overwrite-choice.js';
import { ProgressBar } from './progress-bar.js';

export interface TransferFlags extends OverwriteFlags {
  ascii?: boolean;
}

export async function getCommand(
  context: CliContext,
  ref: string,
  local: string | undefined,
  flags: TransferFlags,
): Promise<void> {
  await withRemote(context, ref, async (fs, remotePath) => {
    if (!remotePath) throw new FerryError('INVALID_ARGUMENT', 'The URL must name a file to download.');
    const entry = await fs.stat(remotePath);
    if (!entry) throw new FerryError('NOT_FOUND', `${remotePath} does not exist on the server.`);
    if (entry.type === 'dir')
      throw new FerryError('INVALID_ARGUMENT', `${remotePath} is a folder.`, {
        hint: 'Use ferry get -r URL DIR for folders.',
      });
    const ascii = flags.ascii ?? false;
    if (local === '-') {
      // To stdout: nothing to resume, and the count of bytes written is the size check.
      const result = await fs.download(remotePath, process.stdout, { offset: 0, ascii });
      if (!ascii) checkCount(remotePath, result.bytes, entry.size);
      return;
    }
    let target = await localTarget(local, path.posix.basename(remotePath));
    const there = await stat(target).catch(() => null);
    // A device or pipe (/dev/null) is written to, never "overwritten". Text is converted on the
    // way, so no byte offset is shared by both ends: --resume means nothing for it.
    const choice = await chooseOverwrite(
      context.prompter,
      ascii ? { ...flags, resume: false } : flags,
      target,
      entry,
      there?.isFile() ? { size: there.size, modified: there.mtimeMs } : null,
    );
    if (choice.kind === 'skip') return skipped(target, choice.reason);
    if (choice.kind === 'rename')
      target = await freeName(path.dirname(target), path.basename(target), path.join, exists);
    const offset = choice.kind === 'write' && !ascii ? choice.offset : 0;
    // Opened before the transfer starts, so a local error is reported before any byte is
    // fetched, but emptied only once the server has accepted the download: a refused one (550)
    // leaves a file that was there as it was, and removes one made for it.
    const existed = await stat(target).then(
      () => true,
      () => false,
    );
    const file = await open(target, constants.O_RDWR | constants.O_CREAT).catch((error: unknown) => {
      throw localFileError(error, target);
    });
    // Emptied once, when the server has accepted the download: at its "opening" reply or at the
    // first byte, whichever is seen first. Bytes can arrive before the reply is read: emptying
    // at the reply alone cut off what was already written, and the rest landed after a hole of
    // zeros at the same size, passing the size check.
    let started = false;
    const begin = (): void => {
      if (started) return;
      started = true;
      ftruncateSync(file.fd, offset);
    };
    // Written on this thread as the bytes arrive, as curl does: this process has nothing else to do.
    const sink = createSyncFileSink(file.fd, offset > 0 ? offset : undefined, begin);
    const bar = new ProgressBar(path.basename(target), entry.size);
    let result: { bytes: number };
    try {
      result = await fs.download(remotePath, sink, {
        offset,
        ascii,
        onProgress: (bytes) => bar.update(offset + bytes),
        onOpened: begin,
      });
    } catch (error) {
      if (!started && !existed) await rm(target, { force: true }).catch(() => undefined);
      throw error;
    } finally {
      await file.close();
    }
    bar.finish(offset + result.bytes);
    if (ascii) return;
    // A device or pipe (/dev/null, /dev/stdout) has no size to read back: check the count instead.
    if (await isRegularFile(target)) await verifySize(target, entry.size);
    else checkCount(remotePath, offset + result.bytes, entry.size);
  });
}

export async function putCommand(
  context: CliContext,
  local: string,
  ref: string,
  flags: TransferFlags,
): Promise<void> {
  const fromStdin = local === '-';
  const info = fromStdin ? null : await stat(local).catch(() => null);
  if (!fromStdin && !info) throw new FerryError('NOT_FOUND', `${local} does not exist.`);
  if (info?.isDirectory())
    throw new FerryError('INVALID_ARGUMENT', `${local} is a folder.`, {
      hint: 'Use ferry put -r DIR URL for folders.',
    });
  // A pipe or device (-, /dev/stdin, a FIFO) has no size up front and cannot be resumed.
  const size = info?.isFile() ? info.size : null;
  await withRemote(context, ref, async (fs, remotePath) => {
    let target = await pathOrHome(fs, remotePath);
    const existing = await fs.stat(target);
    if (existing?.type === 'dir' || target.endsWith('/')) {
      if (fromStdin)
        throw new FerryError('INVALID_ARGUMENT', `${target} is a folder; stdin needs a file name.`, {
          hint: 'Example: ferry put - ftp://host/dir/name.txt',
        });
      target = path.posix.join(target, path.basename(local));
    }
    const remote = existing?.type === 'dir' ? await fs.stat(target) : existing;
    const choice = await chooseOverwrite(
      context.prompter,
      flags,
      target,
      { size, modified: info ? info.mtimeMs : null },
      remote?.type === 'file' ? remote : null,
    );
    if (choice.kind === 'skip') return skipped(target, choice.reason);
    if (choice.kind === 'rename')
      target = await freeName(
        path.posix.dirname(target),
        path.posix.basename(target),
        path.posix.join,
        async (p) => (await fs.stat(p)) !== null,
      );
    // Text is converted on the way: no byte offset is shared by both ends.
    const offset = choice.kind === 'write' && !flags.ascii && size !== null ? choice.offset : 0;
    const bar = new ProgressBar(fromStdin ? 'stdin' : path.basename(local), size);
    const source = fromStdin
      ? process.stdin
      : // A start position makes every read positional, which a FIFO refuses (ESPIPE).
        createReadStream(local, { ...(offset > 0 ? { start: offset } : {}), highWaterMark: 1 << 20 });
    const result = await fs.upload(source, target, {
      offset,
      ascii: flags.ascii ?? false,
      onProgress: (bytes) => bar.update(offset + bytes),
    });
    bar.finish(offset + result.bytes);
    if (flags.ascii) return;
    const after = await fs.stat(target);
    if (after?.size === null || after?.size === undefined) return;
    if (size !== null && after.size !== size) {
      throw new FerryError(
        'VERIFY_FAILED',
        `${target} has ${after.size} bytes on the server, but ${local} had ${size} when the upload began.`,
        { hint: 'The local file changed during the upload, or the server stored it short: run it again.' },
      );
    }
    if (size === null && after.size !== offset + result.bytes) {
      throw new FerryError(
        'VERIFY_FAILED',
        `${target} has ${after.size} bytes on the server, ${offset + result.bytes} were sent.`,
      );
    }
  });
}

async function localTarget(local: string | undefined, remoteName: string): Promise<string> {
  if (!local) return path.resolve(remoteName);
  const info = await stat(local).catch(() => null);
  return info?.isDirectory() ? path.join(local, remoteName) : local;
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

/** Skipping is what was asked for: said, and not a failure. */
function skipped(target: string, reason: string): void {
  process.stderr.write(`${target} skipped: ${reason}\n`);
}

async function isRegularFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

function checkCount(remotePath: string, bytes: number, expected: number | null): void {
  if (expected !== null && bytes !== expected) {
    throw new FerryError(
      'VERIFY_FAILED',
      `${remotePath}: ${bytes} bytes arrived, the server said ${expected}.`,
    );
  }
}

async function verifySize(file: string, expected: number | null): Promise<void> {
  if (expected === null) return;
  const size = await sizeOf(file);
  if (size !== expected) {
    throw new FerryError('VERIFY_FAILED', `${file} has ${size} bytes, the server said ${expected}.`, {
      hint: 'Run the same command with --resume to finish it.',
    });
  }
}

/** A local file that cannot be opened: missing folder or no permission are exit 4, like remote ones. */
function localFileError(error: unknown, file: string): FerryError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (error as Error).message;
  if (code === 'ENOENT')
    return new FerryError('NOT_FOUND', `Cannot write ${file}: its folder does not exist.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new FerryError('PERMISSION_DENIED', `Cannot write ${file}: ${reason}`, { cause: error });
  return new FerryError('LOCAL_IO', `Cannot write ${file}: ${reason}`, { cause: error });
}
