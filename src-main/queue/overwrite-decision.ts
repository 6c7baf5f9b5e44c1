/**
 * What to do when the target already exists, as a pure function of the policy and the two
 * files, so every policy can be tested without a server. 'ask' is resolved by the caller.
 */
import { FerryError } from '../../src-shared/errors.js';
import type { FileEntry, OverwritePolicy } from '../../src-shared/model.js';

export type OverwriteDecision =
  { kind: 'write'; offset: number } | { kind: 'rename' } | { kind: 'skip'; reason: string } | { kind: 'ask' };

type Facts = Pick<FileEntry, 'size' | 'modified'>;

/** FTP listings and MDTM carry whole seconds: finer differences are noise, not "newer". */
const seconds = (ms: number) => Math.floor(ms / 1000);

export function decideOverwrite(
  policy: OverwritePolicy,
  source: Facts,
  target: Facts | null,
): OverwriteDecision {
  if (!target) return { kind: 'write', offset: 0 };
  switch (policy) {
    case 'ask':
      return { kind: 'ask' };
    case 'overwrite':
      return { kind: 'write', offset: 0 };
    case 'newer':
      if (source.modified == null || target.modified == null) return { kind: 'write', offset: 0 };
      return seconds(source.modified) > seconds(target.modified)
        ? { kind: 'write', offset: 0 }
        : { kind: 'skip', reason: 'The target is as new as the source or newer.' };
    case 'size':
      return source.size != null && source.size === target.size
        ? { kind: 'skip', reason: 'The target already has the same size.' }
        : { kind: 'write', offset: 0 };
    case 'resume':
      if (source.size == null || target.size == null) return { kind: 'write', offset: 0 };
      if (target.size === source.size) return { kind: 'skip', reason: 'The target is already complete.' };
      // A longer target cannot be a prefix of the source: start over rather than corrupt it.
      return { kind: 'write', offset: target.size < source.size ? target.size : 0 };
    case 'rename':
      return { kind: 'rename' };
    case 'skip':
      return { kind: 'skip', reason: 'The target already exists.' };
  }
}

/** `report.pdf` → `report (1).pdf`; dotfiles and names without an extension get the suffix at the end. */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

/** The first of `name (1).ext`, `name (2).ext`, … in `dir` that `exists` says is free. */
export async function freeName(
  dir: string,
  name: string,
  join: (dir: string, name: string) => string,
  exists: (path: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const candidate = join(dir, numberedName(name, n));
    if (!(await exists(candidate))) return candidate;
  }
  throw new FerryError('ALREADY_EXISTS', `No free name next to ${join(dir, name)}.`);
}
