import { execFile } from 'node:child_process';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { removeDir } from './server-dirs.js';
import type { ServerProcess } from './server-process.js';
import type { SystemUser } from './test-user.js';
import type { RunningServer, ServerKind } from './types.js';

const execFileAsync = promisify(execFile);

export interface RunningServerParts {
  kind: ServerKind;
  port: number;
  user: string;
  password: string;
  /** Who owns the files under root (the server's login user). */
  owner: SystemUser;
  root: string;
  remoteRoot: string;
  logFile: string;
  process: ServerProcess;
  /** Folders deleted by dispose(). */
  dirs: string[];
  extras?: Partial<
    Pick<
      RunningServer,
      | 'certFile'
      | 'certFingerprint256'
      | 'hostKeyLine'
      | 'hostKeyFingerprint'
      | 'clientKeyFile'
      | 'encryptedClientKeyFile'
      | 'clientKeyPassphrase'
    >
  >;
}

/** Wraps a started server process and its folders into the `RunningServer` tests use. */
export function runningServer(parts: RunningServerParts): RunningServer {
  const { owner, root, remoteRoot } = parts;

  const localPath = (relativePath: string): string => {
    const path = resolve(root, relativePath.replace(/^\/+/, ''));
    const inside = relative(root, path);
    if (inside === '..' || inside.startsWith(`..${sep}`))
      throw new Error(`${relativePath} is outside the server root`);
    return path;
  };

  // chown every folder from root down to `path`, so folders made by root (the test) stay
  // writable for the server user.
  const chownChain = async (path: string): Promise<void> => {
    for (let dir = path; dir.startsWith(root) && dir.length >= root.length; dir = dirname(dir)) {
      await chown(dir, owner.uid, owner.gid);
      if (dir === root) break;
    }
  };

  const makeFolder = async (relativePath: string): Promise<string> => {
    const path = localPath(relativePath);
    await mkdir(path, { recursive: true });
    await chownChain(path);
    return path;
  };

  return {
    kind: parts.kind,
    host: '127.0.0.1',
    port: parts.port,
    user: parts.user,
    password: parts.password,
    root,
    remoteRoot,
    uid: owner.uid,
    gid: owner.gid,
    logFile: parts.logFile,
    ...parts.extras,
    localPath,
    remotePath: (relativePath) => posix.join(remoteRoot, relativePath),
    async writeFile(relativePath, data) {
      const path = localPath(relativePath);
      await makeFolder(relative(root, dirname(path)) || '.');
      await writeFile(path, data);
      await chown(path, owner.uid, owner.gid);
      return path;
    },
    mkdir: makeFolder,
    async fixOwnership() {
      await execFileAsync('chown', ['-R', `${owner.uid}:${owner.gid}`, root]);
    },
    stop: () => parts.process.stop(),
    start: () => parts.process.start(),
    async dispose() {
      await parts.process.stop();
      for (const dir of parts.dirs) removeDir(dir);
    },
  };
}
