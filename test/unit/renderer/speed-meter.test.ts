import { describe, expect, it } from 'vitest';
import { etaOf, startMeter, updateMeter, WARMUP_MS } from '../../../src-renderer/logic/speed-meter.js';

const KIB = 1024;

describe('speed meter', () => {
  it('ignores the burst before the first tick: 256 KiB/s under a 256 KiB/s limit, not 2.5 MB/s', () => {
    // Main's first tick: 256 KiB after 0.1 s (the bucket's initial allowance).
    const meter = startMeter(256 * KIB, 100);
    expect(meter.speed).toBe(0);
    expect(etaOf(meter, 2048 * KIB)).toBeNull();
    for (let t = 1; t <= 8; t++) updateMeter(meter, 256 * KIB + t * 64 * KIB, 100 + t * 250);
    expect(meter.speed).toBeCloseTo(256 * KIB, -2);
    expect(etaOf(meter, 2048 * KIB)).toBeCloseTo((2048 - 768) / 256, 1);
  });

  it('after the warm-up, one slow tick moves the figure only partly', () => {
    const meter = startMeter(0, 0);
    for (let t = 1; t <= 10; t++) updateMeter(meter, t * 100_000, t * 500);
    expect(meter.speed).toBeCloseTo(200_000, -2);
    expect(10 * 500).toBeGreaterThan(WARMUP_MS);
    updateMeter(meter, 1_000_000, 5500); // nothing moved for 0.5 s
    expect(meter.speed).toBeGreaterThan(100_000);
    expect(meter.speed).toBeLessThan(200_000);
  });

  it('starts again when the bytes go backwards (a retry from zero), and ignores a tick at the same time', () => {
    const meter = startMeter(500, 0);
    updateMeter(meter, 1500, 1000);
    updateMeter(meter, 9999, 1000);
    expect(meter.speed).toBe(1000);
    updateMeter(meter, 0, 2000);
    expect(meter.speed).toBe(0);
    expect(meter.firstAt).toBe(2000);
  });
});
