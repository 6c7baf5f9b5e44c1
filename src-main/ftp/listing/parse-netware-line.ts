import type { FileEntry } from '../../../src-shared/model.js';
import type { ListingContext } from './listing-context.js';
import type { LineTokens } from './line-tokens.js';
import { lsDate, readLsDate } from './ls-date.js';

/**
 * Novell NetWare (and servers imitating it):
 *   d [RWCEAFMS] Admin                     512 Jul 14  2001 Public
 *   - [RW------] jdoe                     1234 Jan 16 18:53    notes.txt
 *   d[R----F--] supervisor            512       Jan 16 18:53    login
 * The bracketed rights are NetWare's own (Read, Write, Create, Erase, Access control, File scan,
 * Modify, Supervisor) and are kept as the permission text. Names are padded, so leading blanks go.
 */
export function parseNetwareLine(t: LineTokens, context: ListingContext): FileEntry | null {
  if (t.count < 6) return null;
  const line = t.line;
  const kind = t.code(0, 0);
  if (kind !== 100 /* d */ && kind !== 45 /* - */) return null;
  let rightsIndex: number;
  let rightsStart: number;
  if (t.length(0) === 1) {
    rightsIndex = 1;
    rightsStart = t.start(1);
  } else {
    rightsIndex = 0;
    rightsStart = t.start(0) + 1;
  }
  const rightsEnd = t.end(rightsIndex);
  if (line.charCodeAt(rightsStart) !== 91 /* [ */ || line.charCodeAt(rightsEnd - 1) !== 93 /* ] */)
    return null;
  const ownerIndex = rightsIndex + 1;
  const sizeIndex = ownerIndex + 1;
  const size = t.integer(sizeIndex);
  if (size < 0 || !readLsDate(t, sizeIndex + 1, context)) return null;
  const name = t.restAfter(lsDate.last);
  if (name === '') return null;
  return {
    name,
    type: kind === 100 ? 'dir' : 'file',
    size,
    modified: lsDate.time,
    permissions: line.slice(rightsStart + 1, rightsEnd - 1),
    owner: t.text(ownerIndex),
  };
}
