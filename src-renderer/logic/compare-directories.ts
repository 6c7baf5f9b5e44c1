import type { FileEntry } from '../../src-shared/model.js';

/**
 * How a row compares with the same name in the other pane: missing there, newer here,
 * older here, same timestamp but another size, or the same. Folders only compare by presence.
 */
export type Comparison = 'missing' | 'newer' | 'older' | 'size' | 'same';

/**
 * FTP LIST often gives minutes only (and no year for recent files): timestamps this close
 * count as equal so every file does not light up as "newer".
 */
export const MODIFIED_TOLERANCE_MS = 60_000;

export function compareDirectories(
  here: readonly FileEntry[],
  there: readonly FileEntry[],
): Map<string, Comparison> {
  const other = new Map<string, FileEntry>();
  for (const entry of there) other.set(entry.name, entry);
  const result = new Map<string, Comparison>();
  for (const entry of here) {
    const match = other.get(entry.name);
    if (!match || (match.type === 'dir') !== (entry.type === 'dir')) {
      result.set(entry.name, 'missing');
      continue;
    }
    if (entry.type === 'dir') {
      result.set(entry.name, 'same');
      continue;
    }
    if (entry.modified !== null && match.modified !== null) {
      const diff = entry.modified - match.modified;
      if (diff > MODIFIED_TOLERANCE_MS) {
        result.set(entry.name, 'newer');
        continue;
      }
      if (diff < -MODIFIED_TOLERANCE_MS) {
        result.set(entry.name, 'older');
        continue;
      }
    }
    if (entry.size !== null && match.size !== null && entry.size !== match.size) {
      result.set(entry.name, 'size');
      continue;
    }
    result.set(entry.name, 'same');
  }
  return result;
}
