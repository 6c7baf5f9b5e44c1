/**
 * Expands one folder item: creates the target folder, lists the source and describes a child
 * per entry. Names come from a server and are not trusted: anything that could climb out of
 * the target folder (`..`, separators, NUL) becomes a failed child with the reason, never a path.
 */
import { dirname } from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import type { FileEntry } from '../../src-shared/model.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { isUndecodableName, joinInside, unsafeNameReason } from '../fs/safe-name.js';
import { ensureLocalFolder } from './ensure-local-folder.js';
import { LOCAL, pathOps } from './endpoint-path.js';
import { BATCH, nextTurn } from './next-turn.js';
import type { QueueRecord } from './queue-record.js';

export type ChildSpec =
  | {
      name: string;
      isDir: boolean;
      size: number | null;
      modified: number | null;
      sourcePath: string;
      targetPath: string;
      /** The listing gave type, size and time: no need to ask the source again. */
      listed: boolean;
      /** The target folder was created just now, so the target cannot exist yet. */
      targetAbsent: boolean;
      /** A folder's identity on the source server, when the listing gave one. */
      unique?: string;
    }
  | { name: string; sourcePath: string; targetPath: string; failed: FerryErrorData }
  | { name: string; sourcePath: string; targetPath: string; skipped: string };

/**
 * `above` holds the identities of this folder and the folders above it that their listings
 * gave (FileEntry.unique): a child folder with one of them is one of those folders again,
 * reached through a link that some servers' MLSD shows as a plain folder (pyftpdlib). Followed,
 * `self -> .` copied the tree into itself forty levels deep, until the server's ELOOP.
 */
export async function enumerateFolder(
  item: QueueRecord,
  source: RemoteFileSystem,
  target: RemoteFileSystem,
  above: ReadonlySet<string> = new Set(),
): Promise<{ children: ChildSpec[]; identity?: string }> {
  let created = false;
  // The folder a person typed (`ferry get -r URL DIR`) may sit in folders that do not exist yet.
  if (!item.parentId && item.target.location === LOCAL) await ensureLocalFolder(dirname(item.target.path));
  try {
    await target.mkdir(item.target.path);
    created = true;
  } catch (error) {
    if (!(error instanceof FerryError && error.code === 'ALREADY_EXISTS')) {
      // Some servers answer 550 for an existing folder: only fail if it is really missing.
      const there = await target.stat(item.target.path).catch(() => null);
      if (there?.type !== 'dir') throw error;
    }
  }
  const entries = await source.list(item.source.path);
  let identity: string | undefined;
  if (!item.parentId && above.size === 0 && entries.some((e) => e.type === 'dir' && e.unique !== undefined)) {
    // The top folder's own identity (MLST), so that a link back to it is known at once.
    identity = (await source.stat(item.source.path).catch(() => null))?.unique;
    if (identity !== undefined) above = new Set([identity]);
  }
  const src = pathOps(item.source.location);
  const children: ChildSpec[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const entry = entries[i]!;
    if (entry.name === '.' || entry.name === '..') continue;
    if (isUndecodableName(entry.name)) {
      children.push({
        name: entry.name,
        sourcePath: item.source.path,
        targetPath: item.target.path,
        failed: {
          code: 'UNSUPPORTED',
          message: `${JSON.stringify(entry.name)} in ${item.source.path} has a name that is not valid in the session's character set (shown with �): no request can name that file.`,
          hint: "Rename it on the server (for example with convmv), or for FTP set the site's character set to the one the server uses.",
          retryable: false,
        },
      });
      continue;
    }
    // Names land on the local disk under this platform's rules; a server target gets POSIX ones.
    const reason = unsafeNameReason(entry.name, item.target.location === LOCAL ? process.platform : 'linux');
    if (reason !== null) {
      // The paths only say where it was listed; the item is refused and never runs.
      children.push({
        name: entry.name,
        sourcePath: item.source.path,
        targetPath: item.target.path,
        failed: {
          code: 'PROTOCOL',
          message: `Refused the unsafe name ${JSON.stringify(entry.name)} listed in ${item.source.path}: ${reason}.`,
          hint: 'Ferry refused to write it, because it could land outside the target folder.',
          retryable: false,
        },
      });
      continue;
    }
    const sourcePath = src.join(item.source.path, entry.name);
    const targetPath = joinInside(item.target.path, entry.name, pathOps(item.target.location));
    const resolved = entry.type === 'symlink' ? await followLink(source, sourcePath, entry) : entry;
    if (resolved.type === 'dir' && entry.type === 'symlink') {
      children.push({
        name: entry.name,
        sourcePath,
        targetPath,
        skipped: 'A link to a folder is not followed (it could loop).',
      });
    } else if (entry.type === 'dir' && entry.unique !== undefined && above.has(entry.unique)) {
      children.push({
        name: entry.name,
        sourcePath,
        targetPath,
        skipped: 'This is a folder above it again, reached through a link: not followed (it would loop).',
      });
    } else if (resolved.type === 'dir' || resolved.type === 'file' || resolved.type === 'unknown') {
      children.push({
        name: entry.name,
        isDir: resolved.type === 'dir',
        size: resolved.type === 'dir' ? null : resolved.size,
        modified: resolved.modified,
        sourcePath,
        targetPath,
        // A link's size is the one it was just resolved to.
        listed: resolved.type === 'file' && resolved.size != null,
        targetAbsent: created,
        ...(entry.type === 'dir' && entry.unique !== undefined ? { unique: entry.unique } : {}),
      });
    } else {
      children.push({
        name: entry.name,
        sourcePath,
        targetPath,
        skipped: `Not a regular file (${resolved.type}).`,
      });
    }
  }
  return identity === undefined ? { children } : { children, identity };
}

async function followLink(fs: RemoteFileSystem, path: string, entry: FileEntry): Promise<FileEntry> {
  const resolved = await (fs.resolve ? fs.resolve(path) : fs.stat(path)).catch(() => null);
  // A dangling link has nothing to transfer.
  return resolved && resolved.type !== 'symlink' ? resolved : { ...entry, type: 'other' };
}
