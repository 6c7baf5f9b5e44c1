/** `mkdir -p` on the local disk, with errors a person can act on. */
import { mkdir } from 'node:fs/promises';
import { localError } from '../fs/local-file-system.js';

export async function ensureLocalFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw localError(error, path);
  }
}
