import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src-main/queue/token-bucket.js';

describe('TokenBucket', () => {
  it('never asks to wait when unlimited', () => {
    const bucket = new TokenBucket(0, () => 0);
    expect(bucket.limited).toBe(false);
    expect(bucket.take(10_000_000)).toBe(0);
  });

  it('lets one second of burst through, then makes the caller wait off the debt', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, () => now);
    expect(bucket.take(1000)).toBe(0);
    expect(bucket.take(500)).toBe(500);
    now = 500;
    expect(bucket.take(0)).toBe(0);
  });

  it('refills at the rate but never beyond one second of burst', () => {
    let now = 0;
    const bucket = new TokenBucket(100, () => now);
    bucket.take(100);
    now = 60_000;
    expect(bucket.take(100)).toBe(0);
    expect(bucket.take(100)).toBe(1000);
  });

  it('applies a new rate at once', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, () => now);
    bucket.setRate(10);
    expect(bucket.take(20)).toBe(1000);
    bucket.setRate(0);
    expect(bucket.take(1_000_000)).toBe(0);
    now = 1;
  });
});
