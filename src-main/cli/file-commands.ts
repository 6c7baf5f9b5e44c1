/** ferry ls | rm | mkdir | mv | raw: one connection, one operation, a clear exit code. */
import type { FileEntry } from '../../src-shared/model.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { FerryError } from '../../src-shared/errors.js';
import { pathOrHome, type CliContext } from './cli-context.js';
import { printableLine, printableText } from './printable.js';

export async function withRemote<T>(
  context: CliContext,
  ref: string,
  work: (fs: RemoteFileSystem, path: string) => Promise<T>,
): Promise<T> {
  const { target, path } = await context.resolve(ref);
  const fs = await context.connect(target);
  try {
    return await work(fs, path);
  } finally {
    await fs.close().catch(() => undefined);
  }
}

export async function listCommand(context: CliContext, ref: string, json: boolean): Promise<void> {
  await withRemote(context, ref, async (fs, path) => {
    const entries = await listOrSingle(fs, await pathOrHome(fs, path));
    if (json) {
      process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      return;
    }
    process.stdout.write(entries.map(formatEntry).join(''));
  });
}

/** `ls FILE` shows that file, as ls(1) does; servers refuse to list a file as a folder. */
async function listOrSingle(fs: RemoteFileSystem, path: string): Promise<FileEntry[]> {
  try {
    return await fs.list(path);
  } catch (error) {
    const entry = path === '/' ? null : await fs.stat(path).catch(() => null);
    if (entry && entry.type !== 'dir') return [entry];
    throw error;
  }
}

export async function removeCommand(context: CliContext, ref: string, recursive: boolean): Promise<void> {
  await withRemote(context, ref, async (fs, path) => {
    const entry = await fs.stat(requirePath(path));
    if (!entry) throw new FerryError('NOT_FOUND', `${path} does not exist.`);
    if (entry.type !== 'dir') return fs.deleteFile(path);
    if (!recursive) {
      throw new FerryError('INVALID_ARGUMENT', `${path} is a folder.`, {
        hint: 'Use ferry rm -r to delete a folder and everything in it.',
      });
    }
    return fs.removeDir(path, true);
  });
}

export async function mkdirCommand(context: CliContext, ref: string): Promise<void> {
  await withRemote(context, ref, (fs, path) => fs.mkdir(requirePath(path)));
}

export async function moveCommand(context: CliContext, ref: string, newPath: string): Promise<void> {
  await withRemote(context, ref, async (fs, path) => {
    // "dir/" names the folder itself, as in a shell: its parent is what the slash follows.
    const from = requirePath(path).replace(/(.)\/+$/, '$1');
    // A bare name renames in place, as `mv` in a shell would.
    const to = newPath.startsWith('/') ? newPath : `${from.slice(0, from.lastIndexOf('/') + 1)}${newPath}`;
    await fs.rename(from, to);
  });
}

export async function rawCommand(context: CliContext, ref: string, command: string): Promise<void> {
  if (/^sftp:/i.test(ref)) throw notRaw();
  await withRemote(context, ref, async (fs) => {
    if (!fs.raw) throw notRaw();
    const reply = await fs.raw(command);
    process.stdout.write(`${reply.code} ${printableText(reply.text)}\n`);
    if (reply.code >= 400) process.exitCode = reply.code >= 500 ? 4 : 5;
  });
}

function notRaw(): FerryError {
  return new FerryError('INVALID_ARGUMENT', 'Raw commands are an FTP feature; SFTP has none.', {
    hint: 'Use ferry ls, mkdir, mv or rm over SFTP.',
  });
}

function requirePath(path: string): string {
  if (!path || path === '/')
    throw new FerryError('INVALID_ARGUMENT', 'The URL must name a path.', {
      hint: 'Example: ftp://host/dir/file.txt',
    });
  return path;
}

function formatEntry(entry: FileEntry): string {
  const type = entry.type === 'dir' ? 'd' : entry.type === 'symlink' ? 'l' : '-';
  const permissions = permissionColumn(entry);
  const size = entry.size === null ? '-' : String(entry.size);
  const date =
    entry.modified === null
      ? '-'.padEnd(16)
      : new Date(entry.modified).toISOString().slice(0, 16).replace('T', ' ');
  const link = entry.linkTarget ? ` -> ${printableLine(entry.linkTarget)}` : '';
  return `${type}${permissions} ${size.padStart(12)} ${date} ${printableLine(entry.name)}${link}\n`;
}

const RWX = /^[-rwxsStT]{9}$/;

/** Nine rwx columns; MLSD's perm fact (e.g. "radfwMT") says something else and is not shown here. */
function permissionColumn(entry: FileEntry): string {
  if (entry.permissions && RWX.test(entry.permissions)) return entry.permissions;
  if (entry.mode === undefined) return '?????????';
  let out = '';
  for (let bit = 8; bit >= 0; bit--) out += entry.mode & (1 << bit) ? 'rwx'[(8 - bit) % 3] : '-';
  return out;
}
