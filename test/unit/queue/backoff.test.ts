import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src-main/queue/backoff.js';

describe('backoffDelay', () => {
  const rows = [
    { title: 'first retry waits the base', attempt: 1, expected: 100 },
    { title: 'doubles each attempt', attempt: 2, expected: 200 },
    { title: 'keeps doubling', attempt: 4, expected: 800 },
    { title: 'stops at the cap', attempt: 12, expected: 5000 },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(backoffDelay(row.attempt, 100, 5000, () => 1)).toBe(row.expected);
    });
  }

  it('jitters down by at most a fifth', () => {
    expect(backoffDelay(3, 100, 5000, () => 0)).toBe(320);
  });
});
