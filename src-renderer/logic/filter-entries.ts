import type { FileEntry } from '../../src-shared/model.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * The pane's filter box: plain text matches anywhere in the name, case-insensitively;
 * `*` and `?` make it a whole-name glob (`*.jpg`), as in FileZilla's quick filter.
 */
export function makeNameFilter(text: string): (name: string) => boolean {
  const query = text.trim();
  if (!query) return () => true;
  if (/[*?]/.test(query)) {
    const pattern = escapeRegExp(query).replace(/\*/g, '.*').replace(/\?/g, '.');
    const re = new RegExp(`^${pattern}$`, 'i');
    return (name) => re.test(name);
  }
  const needle = query.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

export function filterEntries(entries: readonly FileEntry[], text: string): readonly FileEntry[] {
  if (!text.trim()) return entries;
  const matches = makeNameFilter(text);
  return entries.filter((entry) => matches(entry.name));
}
