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
  /** Restarts the key's expiry at `ttlMs` only if it still holds `value` (atomic): a holder renews its lease. */
  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
}

/** Bounds of the in-memory store: however many keys callers make, these hold. */
export interface MemoryStoreBounds {
  maxEntries: number;
  /** All values together, in characters (download links hold whole documents). */
  maxValueChars: number;
  /** How often a write also forgets every expired key (keys nobody reads again would stay otherwise). */
  sweepEveryMs: number;
}

export const DEFAULT_MEMORY_STORE_BOUNDS: MemoryStoreBounds = {
  maxEntries: 200_000,
  maxValueChars: 32 * 1024 * 1024,
  sweepEveryMs: 60_000,
};

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The ExpiringStore of one instance. Expired keys are forgotten when read and by a sweep at most once a
 * minute; beyond the caps the oldest keys are forgotten first, so memory stays bounded under any load.
 */
export class MemoryExpiringStore implements ExpiringStore {
  /** In order of the last set (increments keep their place): the oldest come first. */
  private readonly entries = new Map<string, Entry>();
  private valueChars = 0;
  private nextSweep: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly bounds: MemoryStoreBounds = DEFAULT_MEMORY_STORE_BOUNDS,
  ) {
    this.nextSweep = now() + bounds.sweepEveryMs;
  }

  /** Keys held now, the expired ones forgotten first. */
  liveCount(): number {
    this.sweep();
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, value: string, expiresAt: number, keepPlace = false): void {
    const old = this.entries.get(key);
    if (old) this.valueChars -= old.value.length;
    if (old && !keepPlace) this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    this.valueChars += value.length;
    this.bound();
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.valueChars -= entry.value.length;
    return this.entries.delete(key);
  }

  private bound(): void {
    const { maxEntries, maxValueChars } = this.bounds;
    // On a schedule, not whenever full: a full store under load would otherwise sweep on every write.
    if (this.now() >= this.nextSweep) this.sweep();
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= maxEntries && this.valueChars <= maxValueChars) break;
      this.remove(oldest);
    }
  }

  private sweep(): void {
    const now = this.now();
    this.nextSweep = now + this.bounds.sweepEveryMs;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const count = Number(entry?.value ?? 0) + 1;
    this.put(key, String(count), entry?.expiresAt ?? this.now() + ttlMs, true);
    return count;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, value, this.now() + ttlMs);
    return true;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, this.now() + ttlMs);
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.now() : 0;
  }

  async delete(key: string): Promise<void> {
    this.remove(key);
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    return this.remove(key);
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (entry?.value !== value) return false;
    entry.expiresAt = this.now() + ttlMs;
    return true;
  }
}
