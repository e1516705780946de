/**
 * A bounded in-process cache: at most `maxEntries` entries (the least recently used goes first) that expire
 * `ttlMs` after they were stored, measured on a monotonic clock (a wall clock stepped back cannot keep stale
 * entries alive, nor expire fresh ones early).
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; storedAtMs: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly monotonicNow: () => number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.monotonicNow() - entry.storedAtMs >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserting moves the key to the end: Map keeps insertion order, so the first key is the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, storedAtMs: this.monotonicNow() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
