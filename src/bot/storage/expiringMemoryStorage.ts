import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ETagConflictError } from './eTagConflict';

export interface ExpiringMemoryStorageOptions {
  /** An item is forgotten this long after its last write (CONVERSATION_TTL_HOURS). */
  ttlMs: number;
  /** Items kept at most; a write beyond it forgets the least recently written item. */
  maxItems: number;
  now?: () => number;
}

interface Entry {
  /** The item as JSON: a copy nobody else holds, and far smaller than the object graph it stands for. */
  json: string;
  eTag: string;
  expiresAt: number;
}

/**
 * Bot Framework Storage for one instance, with the contract of RedisStorage: botbuilder's eTag rules (an item
 * carrying the eTag it was read with is written only if it is still the stored one; "*" or no eTag writes
 * unconditionally; every write gives a new eTag; a write with one stale item writes none), an expiry after
 * the last write, and a hard cap. botbuilder's MemoryStorage has neither expiry nor cap, so a long-running
 * instance kept every conversation it ever had.
 */
export class ExpiringMemoryStorage implements Storage {
  /** In write order, which with one TTL for all is also expiry order: the oldest come first. */
  private readonly entries = new Map<string, Entry>();
  private lastETag = 0;
  private readonly now: () => number;

  constructor(private readonly options: ExpiringMemoryStorageOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Items held now, the expired ones forgotten first. */
  liveCount(): number {
    this.forgetExpired();
    return this.entries.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.forgetExpired();
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) items[key] = { ...(JSON.parse(entry.json) as StoreItem), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.forgetExpired();
    const keys = Object.keys(changes);
    for (const key of keys) {
      const expected = (changes[key] as StoreItem).eTag;
      const current = this.entries.get(key)?.eTag;
      if (expected && expected !== '*' && current && current !== expected) throw new ETagConflictError(key);
    }
    const expiresAt = this.now() + this.options.ttlMs;
    for (const key of keys) {
      const json = JSON.stringify({ ...changes[key], eTag: undefined });
      // Deleted first, so that the Map's order stays the order of the last writes.
      this.entries.delete(key);
      this.entries.set(key, { json, eTag: String(++this.lastETag), expiresAt });
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxItems) break;
      this.entries.delete(oldest);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  /** Expired items are at the front: stops at the first live one, so each item costs one check in all. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
