/**
 * A global speed limit shared by every running transfer in one direction. Chunks may be larger
 * than a second's worth at low rates, so the bucket goes into debt and the caller waits it off
 * instead of splitting chunks (which would allocate on the hot path).
 */
interface Sleeper {
  due: number;
  timer: NodeJS.Timeout;
  wake: () => void;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Callers waiting off a debt: a new rate changes how long they still owe. */
  private readonly sleepers = new Set<Sleeper>();

  /** `rate` bytes per second; 0 means unlimited. */
  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate;
    this.last = now();
  }

  setRate(rate: number): void {
    const old = this.rate;
    if (rate === old) return;
    if (old <= 0 || rate <= 0) {
      // Unlimited owes nothing and saves nothing: a limit set later starts as a fresh bucket.
      this.tokens = rate;
      this.last = this.now();
    } else {
      this.refill();
      this.tokens = Math.min(this.tokens, rate);
    }
    this.rate = rate;
    const now = this.now();
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      // What is still owed, paid off at the new rate (at once when the limit is lifted).
      const left = rate <= 0 ? 0 : (Math.max(0, sleeper.due - now) * old) / rate;
      sleeper.due = now + left;
      sleeper.timer = setTimeout(sleeper.wake, left);
    }
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

  /**
   * Calls `done` once a wait that `take` asked for is over: after `ms` at the current rate,
   * sooner or later if the rate changes meanwhile, at once if the limit is lifted.
   */
  wait(ms: number, done: () => void): void {
    const sleeper: Sleeper = {
      due: this.now() + ms,
      timer: setTimeout(() => sleeper.wake(), ms),
      wake: () => {
        this.sleepers.delete(sleeper);
        done();
      },
    };
    this.sleepers.add(sleeper);
  }

  private refill(): void {
    const t = this.now();
    // Burst of at most one second's worth, so an idle minute does not allow a flood.
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }
}
