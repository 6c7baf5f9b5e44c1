import type { FileEntry } from '../../../src-shared/model.js';
import type { ListingContext } from './listing-context.js';
import type { LineTokens } from './line-tokens.js';
import { numbers, numbersEnd, separators, splitNumbers } from './numeric-fields.js';
import { utcTime } from './utc-time.js';

/**
 * z/OS (MVS) data sets, as the z/OS FTP server lists a high-level qualifier:
 *   Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname
 *   WYNAP3 3390   2003/12/12  1   15  FB      80  3120  PO  ALTERNAT.PROCLIB
 *   Migrated                                                HSM.MIGRATED.DATA
 *   Pseudo Directory                                        USERID.SUBLEVEL
 * Partitioned data sets (Dsorg PO, PO-E) hold members and are opened like folders. The size
 * columns count tracks and records, not bytes, so size stays unknown.
 */
export function parseMvsDatasetLine(t: LineTokens): FileEntry | null {
  const count = t.count;
  if (count === 2 && t.text(0) === 'Migrated')
    return { name: t.text(1), type: 'file', size: null, modified: null };
  if (count === 3 && t.text(0) === 'Pseudo' && t.text(1) === 'Directory') {
    return { name: t.text(2), type: 'dir', size: null, modified: null };
  }
  if (count >= 5 && t.text(1) === 'Not' && t.text(2) === 'Direct') {
    return { name: t.text(count - 1), type: 'file', size: null, modified: null };
  }
  if (count < 6 || !t.isDigits(1)) return null;
  const referred = t.text(2);
  let modified: number | null = null;
  if (referred !== '**NONE**') {
    modified = readSlashDate(t, 2);
    if (modified === null) return null;
  }
  const dsorg = t.text(count - 2);
  if (!/^[A-Z?]{1,2}(-E)?$/.test(dsorg)) return null;
  return { name: t.text(count - 1), type: dsorg.startsWith('PO') ? 'dir' : 'file', size: null, modified };
}

/**
 * Members of a partitioned data set. Source members (ISPF statistics):
 *    Name     VV.MM   Created       Changed      Size  Init   Mod   Id
 *   ADDDRV     01.00 2002/11/19 2002/11/19 13:42     1     1     0 USERID
 * Load modules (after a "Name Size TTR …" header) have a hex byte size; members without
 * statistics are a bare name (only trusted after one of the headers).
 */
export function parseMvsMemberLine(t: LineTokens, context: ListingContext): FileEntry | null {
  const count = t.count;
  if (count === 1) {
    return context.mvsMembers === 'none'
      ? null
      : { name: t.text(0), type: 'file', size: null, modified: null };
  }
  if (context.mvsMembers === 'load') {
    const size = /^[0-9A-F]{1,8}$/.test(t.text(1)) ? parseInt(t.text(1), 16) : -1;
    if (size >= 0) return { name: t.text(0), type: 'file', size, modified: null };
  }
  if (count < 6) return null;
  const version = t.text(1);
  if (!/^\d\d\.\d\d$/.test(version)) return null;
  if (readSlashDate(t, 2) === null) return null;
  const changed = readSlashDate(t, 3);
  if (changed === null) return null;
  const timeEnd = t.end(4);
  const timeParts = splitNumbers(t.line, t.start(4), timeEnd);
  if (timeParts < 2 || numbersEnd !== timeEnd || separators[0] !== 58) return null;
  const hours = numbers[0] ?? 0;
  const minutes = numbers[1] ?? 0;
  const seconds = timeParts >= 3 ? (numbers[2] ?? 0) : 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return {
    name: t.text(0),
    type: 'file',
    size: null,
    modified: changed + ((hours * 60 + minutes) * 60 + seconds) * 1000,
  };
}

/** YYYY/MM/DD at midnight UTC. */
function readSlashDate(t: LineTokens, index: number): number | null {
  const end = t.end(index);
  if (splitNumbers(t.line, t.start(index), end) !== 3 || numbersEnd !== end) return null;
  if (separators[0] !== 47 || separators[1] !== 47) return null;
  return utcTime(numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0);
}
