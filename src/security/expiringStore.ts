/**
 * The small shared state that security limits need: counters and markers that expire. In memory for one
 * instance; a shared implementation (Redis) makes every limit hold across instances.
 * Keys are never personal data in clear: callers pass keyed hashes (see SecretBox.key).
 */
export interface ExpiringStore {
  /** Adds one and returns the new count; the first increment starts the expiry. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Sets the value if the key is absent; false if it was present (atomic). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
  /** Milliseconds until the key expires, or 0 if absent. */
  ttl(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  /** Deletes the key only if it still holds `value` (atomic): a lock holder releases its own lock only. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
}

export class MemoryExpiringStore implements ExpiringStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): { value: string; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const count = Number(entry?.value ?? 0) + 1;
    this.entries.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    return count;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.now() : 0;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    return this.entries.delete(key);
  }
}
