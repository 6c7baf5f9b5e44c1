/**
 * fs.edit downloaded the remote file to `${os.tmpdir()}/ferry-edit-<uid>/<uuid>/<name>` and
 * opened it with the OS. On Linux os.tmpdir() is the shared /tmp, and the `ferry-edit-<uid>`
 * folder was created with `mkdir -p` semantics: if another local user created it first
 * (world-writable, or as a symlink to a folder of theirs), Ferry used it as is, and its owner
 * could swap Ferry's per-edit folder for their own (the path the editor opens and saves to,
 * and the path Ferry uploads from). Each edit now gets a new private folder from mkdtemp.
 */
import { chmod, lstat, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditWatcher, fixedConnection } from '../../src-main/app/edit-watcher.js';
import { silentLogger } from '../../src-main/core/protocol-log.js';
import type { Prompter } from '../../src-main/core/prompter.js';
import type { RemoteFileSystem } from '../../src-main/fs/remote-file-system.js';

const prompter: Prompter = {
  ask: async () => ({ action: 'skip', applyToAll: false }),
} as unknown as Prompter;

const remote = {
  protocol: 'ftp',
  connected: true,
  stat: async () => ({ name: 'wp-config.php', type: 'file', size: 6, modified: 0 }),
  download: async (_path: string, sink: Writable) => {
    const source = new PassThrough();
    source.pipe(sink);
    source.end('secret');
    await new Promise((resolve) => sink.once('finish', resolve));
    return { bytes: 6 };
  },
} as unknown as RemoteFileSystem;

let tmp: string;
let savedTmpdir: string | undefined;
let edits: EditWatcher;
const shared = (): string => path.join(tmp, `ferry-edit-${process.getuid?.() ?? 'user'}`);

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ferry-review-tmp-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp; // stands for the shared /tmp
  edits = new EditWatcher(prompter, () => silentLogger);
});

afterEach(async () => {
  edits.close();
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await rm(tmp, { recursive: true, force: true });
});

/** Each folder between tmpdir and the file must be a real folder only its owner may change. */
async function foldersOthersCanChange(localPath: string): Promise<string[]> {
  const bad: string[] = [];
  for (let dir = path.dirname(localPath); dir.startsWith(tmp + path.sep); dir = path.dirname(dir)) {
    const info = await lstat(dir);
    if (!info.isDirectory())
      bad.push(`${path.relative(tmp, dir)} is a ${info.isSymbolicLink() ? 'symlink' : 'non-folder'}`);
    else if (info.mode & 0o022)
      bad.push(`${path.relative(tmp, dir)} has mode ${(info.mode & 0o777).toString(8)}`);
  }
  return bad;
}

describe('fs.edit keeps its copy where only the user can reach it', () => {
  it('does not use a world-writable ferry-edit-<uid> folder someone else created first', async () => {
    await mkdir(shared(), { mode: 0o777 });
    await chmod(shared(), 0o777); // umask-proof: as another user's `mkdir -m 777` would leave it
    const outcome = await edits.edit(fixedConnection(remote), '/var/www/wp-config.php', 's1').then(
      async ({ localPath }) => foldersOthersCanChange(localPath),
      (error: Error) => `refused: ${error.message}`,
    );
    expect(outcome).toSatisfy(
      (v: unknown) => (Array.isArray(v) && v.length === 0) || String(v).startsWith('refused'),
    );
  });

  it('does not follow a ferry-edit-<uid> symlink planted by someone else', async () => {
    const theirs = path.join(tmp, 'attacker-owned');
    await mkdir(theirs, { mode: 0o777 });
    await symlink(theirs, shared());
    const outcome = await edits.edit(fixedConnection(remote), '/var/www/wp-config.php', 's1').then(
      async ({ localPath }) => foldersOthersCanChange(localPath),
      (error: Error) => `refused: ${error.message}`,
    );
    expect(outcome).toSatisfy(
      (v: unknown) => (Array.isArray(v) && v.length === 0) || String(v).startsWith('refused'),
    );
  });
});
