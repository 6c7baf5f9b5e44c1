import type { FileEntry } from '../../../src-shared/model.js';
import type { ListingContext } from './listing-context.js';
import { LineTokens } from './line-tokens.js';
import { parseDosLine } from './parse-dos-line.js';
import { parseUnixLine } from './parse-unix-line.js';
import { unknownEntry } from './unknown-entry.js';

export interface ListingOptions {
  /** "Now" for placing year-less Unix dates; defaults to the current time. */
  now?: Date;
}

type LineParser = (tokens: LineTokens, context: ListingContext) => FileEntry | null;

/** Tried in this order until one accepts the row; each rejects a foreign row within its first field or two. */
const PARSERS: readonly LineParser[] = [parseUnixLine, parseDosLine];

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
  const context: ListingContext = { now: (options.now ?? new Date()).getTime(), mvsMembers: 'none' };
  const entries: FileEntry[] = [];
  const lines = text.split('\n');
  let preferred = 0;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] ?? '';
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    tokens.split(line);
    if (tokens.count === 0 || isHeading(tokens)) continue;
    let entry = (PARSERS[preferred] as LineParser)(tokens, context);
    for (let p = 0; entry === null && p < PARSERS.length; p++) {
      if (p === preferred) continue;
      entry = (PARSERS[p] as LineParser)(tokens, context);
      if (entry !== null) preferred = p;
    }
    if (entry === null) entry = unknownEntry(line);
    else if (entry.name === '.' || entry.name === '..') continue;
    entries.push(entry);
  }
  return entries;
}

/** Summary lines that describe the listing rather than an entry in it. */
function isHeading(t: LineTokens): boolean {
  if (t.count === 2 && TOTAL_WORDS.has(t.text(0).toLowerCase())) return true;
  return false;
}
