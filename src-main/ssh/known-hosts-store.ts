/** Reads known_hosts files (a missing file is an empty one) and appends to Ferry's own. */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatKnownHostLine, parseKnownHosts, type KnownHostEntry } from './known-hosts.js';

export async function readKnownHostsFiles(files: readonly string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    all.push(...parseKnownHosts(text, file));
  }
  return all;
}

export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyBlob: Buffer,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // A hand-edited file may lack its final newline; never glue our line onto the last one.
  let existing = '';
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, separator + formatKnownHostLine(host, port, keyBlob), { mode: 0o600 });
}
