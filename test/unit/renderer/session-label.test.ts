import { describe, expect, it } from 'vitest';
import { numberDuplicates, sessionLabel } from '../../../src-renderer/logic/session-label.js';

describe('sessionLabel', () => {
  const base = { label: 'ftp://me@h:21', user: 'me', host: 'h', port: 21, protocol: 'ftp' as const };
  it.each([
    { title: 'default port is left out', input: base, expected: 'me@h' },
    { title: 'another port is shown', input: { ...base, port: 2121 }, expected: 'me@h:2121' },
    { title: 'anonymous is left out', input: { ...base, user: 'anonymous' }, expected: 'h' },
    {
      title: 'a saved site shows its name',
      input: { ...base, siteId: 's1' },
      expected: 'Build server',
    },
  ])('$title', ({ input, expected }) => {
    expect(sessionLabel(input, new Map([['s1', 'Build server']]))).toBe(expected);
  });
});

describe('numberDuplicates', () => {
  it.each([
    { title: 'unique labels stay', input: ['a', 'b'], expected: ['a', 'b'] },
    { title: 'repeats get #2, #3', input: ['a', 'b', 'a', 'a'], expected: ['a', 'b', 'a #2', 'a #3'] },
    { title: 'empty', input: [], expected: [] },
  ])('$title', ({ input, expected }) => {
    expect(numberDuplicates(input)).toEqual(expected);
  });
});
