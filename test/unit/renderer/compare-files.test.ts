import { describe, expect, it } from 'vitest';
import { compareFiles } from '../../../src-renderer/logic/compare-files.js';

const T = new Date(2026, 10, 22, 18, 25, 10).getTime();
const MB2 = 2 * 1024 * 1024 + 123;

describe('compareFiles (overwrite dialog)', () => {
  it.each([
    {
      title: 'sizes that round alike but differ: exact bytes',
      source: { size: MB2 + 7, modified: T },
      target: { size: MB2, modified: T },
      expected: ['2,097,282 bytes', '2,097,275 bytes', true, false],
    },
    {
      title: 'sizes that round differently: rounded',
      source: { size: 3 * 1024 * 1024, modified: T },
      target: { size: MB2, modified: T },
      expected: ['3.0 MB', '2.0 MB', true, false],
    },
    {
      title: 'equal sizes: rounded, neither larger',
      source: { size: MB2, modified: T },
      target: { size: MB2, modified: T },
      expected: ['2.0 MB', '2.0 MB', false, false],
    },
    {
      title: 'unknown size',
      source: { size: null, modified: T },
      target: { size: MB2, modified: T },
      expected: ['Unknown size', '2.0 MB', false, false],
    },
  ])('$title', ({ source, target, expected }) => {
    const facts = compareFiles(source, target);
    expect([facts.source.size, facts.target.size, facts.source.larger, facts.target.larger]).toEqual(
      expected,
    );
  });

  it('dates in the same minute but different: to the second, and which is newer', () => {
    const facts = compareFiles({ size: 1, modified: T + 30_000 }, { size: 1, modified: T });
    expect(facts.source.date).toBe('2026-11-22 18:25:40');
    expect(facts.target.date).toBe('2026-11-22 18:25:10');
    expect(facts.source.newer).toBe(true);
    expect(facts.target.newer).toBe(false);
  });

  it('dates in different minutes: to the minute', () => {
    const facts = compareFiles({ size: 1, modified: T + 120_000 }, { size: 1, modified: null });
    expect(facts.source.date).toBe('2026-11-22 18:27');
    expect(facts.target.date).toBe('Unknown date');
  });
});
