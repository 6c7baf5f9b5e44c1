import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import { parseListing, parseMlsd, parseMlsdLine } from '../../../src-main/ftp/listing/index.js';
import { FIXTURE_FILES, NOW, readFixture } from './read-fixture.js';

/** Characters a broken or hostile server could slip into a row. */
const INSERTS = ['\r', '\n', '\0', '\t', ' '];
const TYPES = new Set(['file', 'dir', 'symlink', 'other', 'unknown']);

/** Shape checks cheap enough to run on every result. */
function badEntry(entries: FileEntry[]): FileEntry | undefined {
  return entries.find(
    (entry) =>
      typeof entry.name !== 'string' ||
      !TYPES.has(entry.type) ||
      (entry.size !== null && !(Number.isFinite(entry.size) && entry.size >= 0)) ||
      (entry.modified !== null && !Number.isFinite(entry.modified)),
  );
}

describe('listing parsers never throw on mutated rows', () => {
  it.each(FIXTURE_FILES)('%s with CR, LF, NUL, tab or space inserted at every position', (file) => {
    const text = readFixture(file);
    let runs = 0;
    for (let at = 0; at <= text.length; at++) {
      for (const insert of INSERTS) {
        const mutated = text.slice(0, at) + insert + text.slice(at);
        const listing = parseListing(mutated, { now: NOW });
        const mlsd = parseMlsd(mutated);
        const bad = badEntry(listing) ?? badEntry(mlsd);
        if (bad) expect.fail(`${file}, ${JSON.stringify(insert)} at ${at}: ${JSON.stringify(bad)}`);
        runs++;
      }
    }
    expect(runs).toBe((text.length + 1) * INSERTS.length);
  });

  it.each(FIXTURE_FILES)('%s: each row alone through parseMlsdLine and parseListing', (file) => {
    for (const line of readFixture(file).split('\n')) {
      for (let at = 0; at <= line.length; at++) {
        for (const insert of INSERTS) {
          const mutated = line.slice(0, at) + insert + line.slice(at);
          const entry = parseMlsdLine(mutated);
          if (entry && badEntry([entry])) expect.fail(`${file}: ${JSON.stringify(mutated)}`);
          if (badEntry(parseListing(mutated, { now: NOW })))
            expect.fail(`${file}: ${JSON.stringify(mutated)}`);
        }
      }
    }
  });
});

/** Small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_CHARS = [
  '\0',
  '\r',
  '\n',
  '\t',
  ' ',
  ';',
  '=',
  ',',
  '-',
  ':',
  '/',
  '[',
  ']',
  '(',
  ')',
  '+',
  '.',
  '9',
  'é',
  'мар',
  '\ud800',
  '\u2028',
];

describe('listing parsers never throw on random edits', () => {
  it.each(FIXTURE_FILES)('%s: 300 seeded random edits (delete, duplicate, replace)', (file) => {
    const text = readFixture(file);
    const next = random(file.length * 7919);
    for (let round = 0; round < 300; round++) {
      let mutated = text;
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (mutated.length + 1));
        const kind = Math.floor(next() * 3);
        const odd = ODD_CHARS[Math.floor(next() * ODD_CHARS.length)] ?? '';
        if (kind === 0) mutated = mutated.slice(0, at) + mutated.slice(at + 1 + Math.floor(next() * 8));
        else if (kind === 1) mutated = mutated.slice(0, at) + mutated.slice(at, at + 12) + mutated.slice(at);
        else mutated = mutated.slice(0, at) + odd + mutated.slice(at + 1);
      }
      const bad = badEntry(parseListing(mutated, { now: NOW })) ?? badEntry(parseMlsd(mutated));
      if (bad) expect.fail(`${file}, round ${round}: ${JSON.stringify(bad)}`);
    }
  });
});
