/**
 * One process at a time per queue journal. Two processes appending to one journal (the same
 * `ferry get -r` run twice at once, or web mode beside the app) would each transfer the same
 * files into the same `.part` files and record interleaved states that neither can replay.
 *
 * The lock is a file naming its owner's process id. It is made complete under a name of its
 * own and then hard-linked into place, which fails if a lock exists: no reader ever sees a
 * half-written one. A lock whose process is gone (a crash, kill -9) is taken over.
 */
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import { localError } from '../fs/local-file-system.js';

const LOCK_FILE = 'queue.lock';

export class JournalLock {
  private constructor(private readonly path: string) {}

  /** Takes the lock of the journal in `dir`, or throws IN_USE naming the process that has it. */
  static async acquire(dir: string): Promise<JournalLock> {
    const path = join(dir, LOCK_FILE);
    const mine = `${path}.${process.pid}`;
    await writeFile(mine, `${process.pid}\n`).catch((error: unknown) => {
      throw localError(error, mine);
    });
    try {
      // Three tries: a stale lock is removed once, and another process may win the race for it.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await link(mine, path);
          return new JournalLock(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw localError(error, path);
        }
        const owner = await ownerOf(path);
        if (owner !== null && owner !== process.pid && isRunning(owner)) throw inUse(owner, path);
        await rm(path, { force: true });
      }
      throw inUse(await ownerOf(path), path);
    } finally {
      await rm(mine, { force: true });
    }
  }

  /** Gives the lock up, unless another process has taken it over meanwhile. */
  async release(): Promise<void> {
    if ((await ownerOf(this.path)) === process.pid) await rm(this.path, { force: true });
  }
}

async function ownerOf(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists and belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(owner: number | null, path: string): FerryError {
  const who = owner === null ? 'Another Ferry process' : `Another Ferry process (${owner})`;
  return new FerryError('IN_USE', `${who} is running this transfer queue.`, {
    hint: `Wait for it to finish or stop it. If no other Ferry is running, delete ${path}.`,
    retryable: false,
  });
}
