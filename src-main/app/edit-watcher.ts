/**
 * "Edit" on a remote file: download it to a private temporary folder, open it with the OS's
 * application, and upload it again each time it is saved. If the server's copy changed since
 * it was downloaded (someone else edited it), ask before overwriting it instead of silently
 * losing their change.
 */
import { createReadStream, createWriteStream, watch, type FSWatcher } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import type { FileEntry } from '../../src-shared/model.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { isSafeEntryName } from '../fs/safe-name.js';
import { freeName } from '../queue/overwrite-decision.js';

const SAVE_SETTLE_MS = 400;

/** Where an edited file is read from and goes back to. */
export interface EditConnection {
  /** A connected file system for one download or upload, and how to let it go afterwards. */
  acquire(): Promise<{ fs: RemoteFileSystem; release(): Promise<void> }>;
}

/** Always the same file system, never closed here (tests, and callers that own the connection). */
export function fixedConnection(fs: RemoteFileSystem): EditConnection {
  return { acquire: async () => ({ fs, release: async () => {} }) };
}

interface Editing {
  watcher: FSWatcher;
  timer: NodeJS.Timeout | null;
}

export class EditWatcher {
  private readonly editing = new Set<Editing>();

  constructor(
    private readonly prompter: Prompter,
    private readonly logFor: (sessionId: string) => ProtocolLogger,
    private readonly openPath?: (file: string) => Promise<void>,
  ) {}

  /**
   * Each save is uploaded over a connection `connection` gives at that moment: an editor stays
   * open for hours, longer than servers keep an idle connection or the user keeps the tab.
   */
  async edit(
    connection: EditConnection,
    remotePath: string,
    sessionId: string,
  ): Promise<{ localPath: string }> {
    const name = path.posix.basename(remotePath);
    if (!isSafeEntryName(name))
      throw new FerryError('INVALID_ARGUMENT', `Cannot edit a file named ${JSON.stringify(name)}.`);
    const opening = await connection.acquire();
    let remote: FileEntry | null;
    let localPath: string;
    let dir: string;
    try {
      const fs = opening.fs;
      remote = await fs.stat(remotePath);
      if (!remote) throw new FerryError('NOT_FOUND', `${remotePath} does not exist.`);
      if (remote.type === 'dir') throw new FerryError('INVALID_ARGUMENT', `${remotePath} is a folder.`);
      // A new folder only this user can enter, made atomically: a predictable name in the shared
      // temp folder could be created first (or be a symlink) by another user of the machine.
      dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-edit-'));
      localPath = path.join(dir, name);
      await fs.download(remotePath, createWriteStream(localPath, { mode: 0o600 }));
    } finally {
      await opening.release().catch(() => undefined);
    }
    let known: Pick<FileEntry, 'size' | 'modified'> = { size: remote.size, modified: remote.modified };
    let lastUploaded = (await stat(localPath)).mtimeMs;
    const log = this.logFor(sessionId);

    const upload = async (): Promise<void> => {
      const { fs, release } = await connection.acquire();
      try {
        await uploadOver(fs);
      } finally {
        await release().catch(() => undefined);
      }
    };
    const uploadOver = async (fs: RemoteFileSystem): Promise<void> => {
      const local = await stat(localPath).catch(() => null);
      if (!local || local.mtimeMs === lastUploaded) return;
      let target = remotePath;
      const now = await fs.stat(remotePath);
      if (now && (now.size !== known.size || (known.modified !== null && now.modified !== known.modified))) {
        const answer = await this.prompter.ask({
          kind: 'overwrite',
          itemId: `edit:${remotePath}`,
          targetPath: remotePath,
          source: { size: local.size, modified: local.mtimeMs },
          target: { size: now.size, modified: now.modified },
        });
        const action = answer.action;
        // The question is the queue's: each answer means here what it means there. An edit is
        // a whole file, so "resume" writes it whole.
        const write =
          action === 'overwrite' ||
          action === 'resume' ||
          (action === 'newer' && (now.modified === null || local.mtimeMs > now.modified)) ||
          (action === 'size' && now.size !== local.size);
        if (action === 'rename') {
          target = await freeRemoteName(fs, remotePath);
        } else if (!write) {
          log.log(
            'info',
            `${remotePath} changed on the server since it was opened; your edit was not uploaded.`,
          );
          lastUploaded = local.mtimeMs;
          return;
        }
      }
      await fs.upload(createReadStream(localPath), target);
      lastUploaded = local.mtimeMs;
      if (target !== remotePath) {
        log.log('info', `Uploaded your edit of ${remotePath} as ${target}, next to the server's version.`);
        return;
      }
      // When that question fails (the connection went as the upload ended, the tab was closed),
      // what is there is what was sent, as far as anyone knows: its size, with no time to compare.
      const after = await fs.stat(remotePath).catch(() => null);
      known = after ? { size: after.size, modified: after.modified } : { size: local.size, modified: null };
      log.log('info', `Uploaded your edit of ${remotePath}.`);
    };

    // One upload at a time: a save made while one runs is uploaded after it, against what that
    // upload left on the server (not against the state before it, which would look like
    // someone else's change).
    let running = false;
    let again = false;
    const uploadNow = (): void => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      upload()
        .catch((error: unknown) =>
          log.log('error', `Uploading your edit failed: ${(error as Error).message}`),
        )
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            uploadNow();
          }
        });
    };

    const editing: Editing = { watcher: watch(dir), timer: null };
    editing.watcher.on('change', () => {
      // Editors save in bursts (truncate, write, rename); upload once the burst is over.
      if (editing.timer) clearTimeout(editing.timer);
      editing.timer = setTimeout(() => {
        editing.timer = null;
        uploadNow();
      }, SAVE_SETTLE_MS);
    });
    this.editing.add(editing);
    if (this.openPath) await this.openPath(localPath);
    return { localPath };
  }

  close(): void {
    for (const editing of this.editing) {
      if (editing.timer) clearTimeout(editing.timer);
      editing.watcher.close();
    }
    this.editing.clear();
  }
}

/** `name (1).ext`, `name (2).ext`, … next to `remotePath`: the first that does not exist. */
function freeRemoteName(fs: RemoteFileSystem, remotePath: string): Promise<string> {
  const { posix } = path;
  return freeName(
    posix.dirname(remotePath),
    posix.basename(remotePath),
    posix.join,
    async (candidate) => (await fs.stat(candidate)) !== null,
  );
}
