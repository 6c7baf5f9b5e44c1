/**
 * Directory listing parsers: pure functions from server text to `FileEntry` rows, no I/O.
 * - `parseMlsd` / `parseMlsdLine`: RFC 3659 MLSD rows and MLST fact lines (preferred: exact, UTC).
 * - `parseListing`: LIST output of Unix (and its variants), DOS/IIS, EPLF, VMS, z/OS, OS/2 and
 *   NetWare servers, detected row by row; rows nobody understands come back as 'unknown'.
 * - `parseFactTime`: the YYYYMMDDHHMMSS[.sss] time value of MLSD `modify=` and MDTM replies.
 * Names are returned exactly as the server sent them: check them with `fs/safe-name.ts` before
 * they touch the local disk.
 */
export { parseListing } from './parse-listing.js';
export type { ListingOptions } from './parse-listing.js';
export { parseFactTime, parseMlsd, parseMlsdLine } from './parse-mlsd.js';
