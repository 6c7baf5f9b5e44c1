/** Builds test trees (nested, unicode, empty files) and fingerprints them by sha256 per relative path. */
import { createHash } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { connectFtp } from '../../../src-main/ftp/index.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { expect } from 'vitest';
import type { TransferItem } from '../../../src-shared/model.js';
import type { TransferQueue } from '../../../src-main/queue/index.js';
import type { RunningServer } from '../../harness/index.js';

const NAMES = ['plain', 'ünïcødé', '日本語', 'emoji 🚢', 'with space', 'ça-va'];

/** `count` files spread over nested folders; every seventh is empty, sizes 4 to 64 KiB otherwise. */
export function makeTree(root: string, count: number, seed = 1): void {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  for (let i = 0; i < count; i++) {
    const depth = i % 4;
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(`${NAMES[(i + d) % NAMES.length]}-${d}-${i % 9}`);
    const dir = join(root, ...parts);
    mkdirSync(dir, { recursive: true });
    const size = i % 7 === 0 ? 0 : 4096 + Math.floor(random() * 60 * 1024);
    const data = Buffer.alloc(size);
    for (let b = 0; b < size; b += 4)
      data.writeUInt32LE((random() * 0xffffffff) >>> 0, Math.min(b, size - 4));
    writeFileSync(join(dir, `${NAMES[i % NAMES.length]} ${i}.bin`), data);
  }
}

/** relative path → sha256 of every file below `root`. */
export async function fingerprint(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        out.set(
          relative(root, full),
          createHash('sha256')
            .update(await readFile(full))
            .digest('hex'),
        );
    }
  }
  await walk(root);
  return out;
}

export function ftpConnect(server: RunningServer): (location: string) => Promise<RemoteFileSystem> {
  return () =>
    connectFtp(
      {
        protocol: 'ftp-insecure',
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        transferMode: 'passive',
      },
      { logger: silentLogger, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
    );
}

/**
 * Downloads the server's `tree` folder into `work/down`, uploads that to the server's `up`
 * folder, and checks that every item finished and both copies match the server's tree byte
 * for byte. Returns the queue's file items (both directions) for further checks.
 */
export async function downloadThenUpload(
  queue: TransferQueue,
  server: RunningServer,
  location: string,
  work: string,
): Promise<TransferItem[]> {
  const remote = (path: string) => `${server.remoteRoot.replace(/\/$/, '')}/${path}`;
  const unfinished = () => queue.list().filter((i) => i.state !== 'done');
  await queue.add([
    {
      direction: 'download',
      source: { location, path: remote('tree') },
      target: { location: 'local', path: join(work, 'down') },
    },
  ]);
  await queue.start();
  await queue.whenIdle();
  expect(unfinished()).toEqual([]);
  const expected = await fingerprint(join(server.root, 'tree'));
  expect(await fingerprint(join(work, 'down'))).toEqual(expected);

  await queue.add([
    {
      direction: 'upload',
      source: { location: 'local', path: join(work, 'down') },
      target: { location, path: remote('up') },
    },
  ]);
  await queue.whenIdle();
  expect(unfinished()).toEqual([]);
  expect(await fingerprint(join(server.root, 'up'))).toEqual(expected);
  return queue.list().filter((i) => !i.isDir);
}

/** Hands a tree made by the test (as root) to the server's user, so it may write beside it. */
export function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}
