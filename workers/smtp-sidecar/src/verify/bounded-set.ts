/** A set of host facts (no TLS, no PIPELINING) that forgets everything once full: they are cheap to relearn. */

/** A set that forgets everything once it holds `limit` entries. */
export class BoundedSet {
  private readonly items = new Set<string>();
  private readonly limit: number;
  constructor(limit = 10_000) {
    this.limit = limit;
  }
  has(item: string): boolean {
    return this.items.has(item);
  }
  add(item: string): void {
    if (this.items.size >= this.limit) this.items.clear();
    this.items.add(item);
  }
}
