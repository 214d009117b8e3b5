import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { storeCall } from '../../state/storeUnavailable';
import { ETagConflictError } from './eTagConflict';

/**
 * Writes all items or none. ARGV per key: ttl ms, expected eTag ('' = unconditional), new eTag, JSON. A key whose stored eTag differs from the expected one is a stale write: nothing is written and
 * the key is returned, so the caller can reject it.
 */
const WRITE = `
for i, key in ipairs(KEYS) do
  local expected = ARGV[2 + (i - 1) * 4]
  if expected ~= '' then
    local current = redis.call('HGET', key, 'etag')
    if current and current ~= expected then return key end
  end
end
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 4
  redis.call('HSET', key, 'etag', ARGV[base + 1], 'json', ARGV[base + 2])
  redis.call('PEXPIRE', key, ARGV[base - 1])
end
return false`;

/**
 * Bot Framework Storage in Redis, shared by every instance. Honours the eTag contract of botbuilder
 * storage (as MemoryStorage does): an item carrying the eTag it was read with is written only if the
 * stored item still has that eTag, otherwise the write is rejected; "*" or no eTag writes unconditionally.
 * Every write restarts the item's expiry, so an idle conversation's state disappears after `ttlMs` (a
 * number, or per key: a widget conversation's state goes with its Direct Line log, see stateLifetime.ts).
 */
export class RedisStorage implements Storage {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number | ((key: string) => number),
    private readonly prefix = 'bot:state:',
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const rows = await storeCall('state read', () =>
      Promise.all(keys.map((key) => this.redis.hmget(this.prefix + key, 'json', 'etag'))),
    );
    const items: StoreItems = {};
    rows.forEach(([json, eTag], i) => {
      if (json && eTag) items[keys[i]!] = { ...(JSON.parse(json) as StoreItem), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const args = keys.flatMap((key) => {
      const { eTag, ...item } = changes[key] as StoreItem;
      const ttl = typeof this.ttlMs === 'number' ? this.ttlMs : this.ttlMs(key);
      return [String(ttl), eTag && eTag !== '*' ? eTag : '', randomUUID(), JSON.stringify(item)];
    });
    const conflict = await storeCall('state write', () =>
      this.redis.eval(WRITE, keys.length, ...keys.map((k) => this.prefix + k), ...args),
    );
    if (typeof conflict === 'string') throw new ETagConflictError(conflict.slice(this.prefix.length));
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await storeCall('state delete', () => this.redis.del(...keys.map((k) => this.prefix + k)));
  }
}
