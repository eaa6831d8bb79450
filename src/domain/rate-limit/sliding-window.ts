/**
 * An exact sliding-window log: the times of the requests counted in the
 * last `windowMs`, oldest first. The limit built on it (rate-window.ts)
 * grants a request exactly when fewer than `limit` are counted in the window
 * ending now, so no window of that length, wherever it starts, holds more
 * than the limit. (A fixed window starting at the first hit admits up to
 * twice the limit in a minute that straddles two windows.)
 */

export class SlidingWindowLog {
  private times: number[];
  private head = 0;

  /** `times`: counted request times (ms), ascending, as `entries()` returned them. */
  constructor(times: readonly number[] = []) {
    this.times = [...times];
  }

  /** Counts a request at `at` (usually the newest; an earlier time is put in its place). */
  add(at: number): void {
    let i = this.times.length;
    while (i > this.head && this.times[i - 1]! > at) i--;
    this.times.splice(i, 0, at);
  }

  /** Requests counted in the window ending at `now`. */
  count(now: number, windowMs: number): number {
    this.prune(now, windowMs);
    return this.times.length - this.head;
  }

  /** The `i`-th oldest time still counted (0 = oldest), after `count`. */
  oldest(i = 0): number | undefined {
    return this.times[this.head + i];
  }

  /** The counted times, oldest first (for storage). */
  entries(): number[] {
    return this.times.slice(this.head);
  }

  /** Forgets every request that left the window ending at `now`; compacts now and then. */
  private prune(now: number, windowMs: number) {
    const cutoff = now - windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
