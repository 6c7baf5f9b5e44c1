import type { FileEntry } from '../../../src-shared/model.js';
import type { ListingContext } from './listing-context.js';
import { LineTokens } from './line-tokens.js';
import { parseDosLine } from './parse-dos-line.js';
import { parseEplfLine } from './parse-eplf-line.js';
import { parseMvsDatasetLine, parseMvsMemberLine } from './parse-mvs-line.js';
import { parseNetwareLine } from './parse-netware-line.js';
import { parseOs2Line } from './parse-os2-line.js';
import { parseUnixLine } from './parse-unix-line.js';
import { isLoneVmsName, parseVmsLine } from './parse-vms-line.js';
import { unknownEntry } from './unknown-entry.js';

export interface ListingOptions {
  /** "Now" for placing year-less Unix dates; defaults to the current time. */
  now?: Date;
}

type LineParser = (tokens: LineTokens, context: ListingContext) => FileEntry | null;

/** Tried in this order until one accepts the row; each rejects a foreign row within its first field or two. */
const PARSERS: readonly LineParser[] = [
  parseUnixLine,
  parseDosLine,
  parseEplfLine,
  parseNetwareLine,
  parseOs2Line,
  parseVmsLine,
  parseMvsMemberLine,
  parseMvsDatasetLine,
];

/** `total 1234` heads `ls -l`; localized shells print it in their own language. */
const TOTAL_WORDS: ReadonlySet<string> = new Set([
  'total',
  'insgesamt',
  'totale',
  'totaal',
  'totalt',
  'итого',
  'razem',
  '合計',
  '总用量',
]);

const tokens = new LineTokens();

/**
 * Parses LIST output of any server style, detecting the format row by row (servers mix styles
 * rarely, but a proxy or a mounted file system can). The parser that read the previous row is tried
 * first, so a uniform listing costs one parser per row. Rows nobody understands come back as
 * 'unknown' entries carrying the raw text; `.` and `..` are left out. Never throws.
 */
export function parseListing(text: string, options: ListingOptions = {}): FileEntry[] {
  const given = options.now?.getTime() ?? NaN;
  const now = Number.isFinite(given) ? given : Date.now();
  const context: ListingContext = {
    now,
    nowYear: new Date(now).getUTCFullYear(),
    mvsMembers: 'none',
    lastOwner: '',
    lastGroup: '',
  };
  const entries: FileEntry[] = [];
  let preferred = 0;
  let lineStart = 0;
  const length = text.length;
  while (lineStart < length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    const next = lineEnd + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    tokens.split(text, lineStart, lineEnd);
    lineStart = next;
    if (tokens.count === 0 || isHeading(tokens, context)) continue;
    let entry = (PARSERS[preferred] as LineParser)(tokens, context);
    for (let p = 0; entry === null && p < PARSERS.length; p++) {
      if (p === preferred) continue;
      entry = (PARSERS[p] as LineParser)(tokens, context);
      if (entry !== null) preferred = p;
    }
    if (entry === null && isLoneVmsName(tokens) && lineStart < length) {
      // VMS wraps a long name: the name alone on this row, size/date/owner on the next.
      const row = tokens.rowText();
      let nextEnd = text.indexOf('\n', lineStart);
      if (nextEnd < 0) nextEnd = length;
      const afterNext = nextEnd + 1;
      if (nextEnd > lineStart && text.charCodeAt(nextEnd - 1) === 13) nextEnd--;
      entry = parseVmsLine(tokens.split(`${row} ${text.slice(lineStart, nextEnd)}`));
      if (entry !== null) lineStart = afterNext;
      else entry = unknownEntry(row);
    }
    if (entry === null) entry = unknownEntry(tokens.rowText());
    else if (entry.name === '.' || entry.name === '..') continue;
    entries.push(entry);
  }
  tokens.release();
  return entries;
}

/** Summary and header lines that describe the listing rather than an entry in it. */
function isHeading(t: LineTokens, context: ListingContext): boolean {
  const count = t.count;
  if (count > 10) return false;
  // Entry rows start with a type letter, a digit or '+': only slice the first field when it could be a heading word.
  const c0 = t.code(0, 0);
  const digit = c0 >= 48 && c0 <= 57;
  if (
    count !== 2 &&
    !digit &&
    c0 !== 68 /* D */ &&
    c0 !== 71 /* G */ &&
    c0 !== 78 /* N */ &&
    c0 !== 84 /* T */ &&
    c0 !== 86 /* V */
  ) {
    return false;
  }
  const first = t.text(0);
  if (count === 2 && TOTAL_WORDS.has(first.toLowerCase())) return true;
  // VMS: "Directory DISK$USER:[ANONYMOUS]", "Total of 3 files, 14/20 blocks.", "Grand total of 2 directories, ..."
  if (count === 2 && first === 'Directory' && t.code(1, t.length(1) - 1) === 93 /* ] */) return true;
  if ((first === 'Total' || first === 'Grand') && count >= 4 && (t.text(1) === 'of' || t.text(2) === 'of'))
    return true;
  // Full `dir` output some Windows servers pass through: volume banner, "Directory of", the summary.
  if (count >= 3 && first === 'Volume' && (t.text(1) === 'in' || t.text(1) === 'Serial')) return true;
  if (count >= 3 && first === 'Directory' && t.text(1) === 'of') return true;
  if (count >= 3 && t.isDigits(0) && (t.text(1) === 'File(s)' || t.text(1) === 'Dir(s)')) return true;
  // z/OS: the data set header, and the two member headers that also tell how to read the rows below.
  if (first === 'Volume' && count >= 2 && t.text(1) === 'Unit') return true;
  if (first === 'Name' && count >= 3) {
    const second = t.text(1);
    if (second === 'VV.MM') {
      context.mvsMembers = 'text';
      return true;
    }
    if (second === 'Size' && t.text(2) === 'TTR') {
      context.mvsMembers = 'load';
      return true;
    }
  }
  return false;
}
