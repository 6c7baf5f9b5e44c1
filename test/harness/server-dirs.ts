import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDir } from './exit-cleanup.js';
import type { SystemUser } from './test-user.js';

const removers = new Map<string, () => void>();

function track(dir: string): void {
  removers.set(dir, trackDir(dir));
}

/** A fresh folder for one server's config, keys, certs and log; root-owned, traversable. */
export function makeWorkDir(kind: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ferry-${kind}-`));
  // mkdtemp makes 0700; servers that drop to the test user must still reach files inside.
  chmodSync(dir, 0o755);
  track(dir);
  return dir;
}

/** A fresh empty folder owned by the test user, inside `parent`. */
export function makeDataDir(parent: string, prefix: string, owner: SystemUser): string {
  const dir = mkdtempSync(join(parent, prefix));
  chmodSync(dir, 0o755);
  chownSync(dir, owner.uid, owner.gid);
  track(dir);
  return dir;
}

/** Removes a folder made here now, instead of at exit. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  removers.get(dir)?.();
  removers.delete(dir);
}
