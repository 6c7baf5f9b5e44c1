/**
 * The speed a transfer row shows. The first progress tick is only a baseline: it includes the
 * burst that fills socket buffers and the token bucket's initial allowance (2.5 MB/s shown under
 * a 256 KiB/s limit), so nothing is shown until a second tick. For the first WARMUP_MS the speed
 * is the average since that baseline; afterwards an exponential moving average over ticks, so
 * the figure and the ETA do not jump with every burst of the network.
 */
export interface SpeedMeter {
  firstAt: number;
  firstBytes: number;
  lastAt: number;
  lastBytes: number;
  /** Bytes per second; 0 until known. */
  speed: number;
}

export const WARMUP_MS = 2000;
const ALPHA = 0.3;

export function startMeter(bytes: number, now: number): SpeedMeter {
  return { firstAt: now, firstBytes: bytes, lastAt: now, lastBytes: bytes, speed: 0 };
}

/** Updates `meter` in place (one per running row, ticked several times a second). */
export function updateMeter(meter: SpeedMeter, bytes: number, now: number): void {
  if (bytes < meter.lastBytes) {
    // The transfer restarted (a retry from zero): measure afresh.
    Object.assign(meter, startMeter(bytes, now));
    return;
  }
  const dt = now - meter.lastAt;
  if (dt <= 0) return;
  const sinceFirst = now - meter.firstAt;
  if (sinceFirst < WARMUP_MS || meter.speed === 0) {
    meter.speed = ((bytes - meter.firstBytes) * 1000) / sinceFirst;
  } else {
    const instant = ((bytes - meter.lastBytes) * 1000) / dt;
    meter.speed = meter.speed * (1 - ALPHA) + instant * ALPHA;
  }
  meter.lastAt = now;
  meter.lastBytes = bytes;
}

/** Seconds left at the shown speed; null while the speed or the size is unknown. */
export function etaOf(meter: SpeedMeter, size: number | null): number | null {
  if (size === null || meter.speed <= 0) return null;
  return Math.max(0, size - meter.lastBytes) / meter.speed;
}
