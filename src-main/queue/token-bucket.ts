/**
 * A global speed limit shared by every running transfer in one direction. Chunks may be larger
 * than a second's worth at low rates, so the bucket goes into debt and the caller waits it off
 * instead of splitting chunks (which would allocate on the hot path).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /** `rate` bytes per second; 0 means unlimited. */
  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate;
    this.last = now();
  }

  setRate(rate: number): void {
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, rate);
  }

  get limited(): boolean {
    return this.rate > 0;
  }

  /** Takes `bytes` and returns how many milliseconds the caller should wait before sending more. */
  take(bytes: number): number {
    if (this.rate <= 0) return 0;
    this.refill();
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  private refill(): void {
    const t = this.now();
    // Burst of at most one second's worth, so an idle minute does not allow a flood.
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }
}
