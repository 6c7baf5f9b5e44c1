import type { FileEntry } from '../../../src-shared/model.js';

/** A row no parser understood: shown as-is so the user still sees it, never dropped. */
export function unknownEntry(line: string): FileEntry {
  return { name: line, type: 'unknown', size: null, modified: null, raw: line };
}
