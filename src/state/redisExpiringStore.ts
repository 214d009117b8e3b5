import type { Redis } from 'ioredis';
import type { ExpiringStore } from '../security/expiringStore';
import { storeCall } from './storeUnavailable';

// INCR and the first expiry in one step: a counter never outlives its window, even if the
// instance dies between the two commands.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const EXPIRE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The ExpiringStore in Redis, shared by every instance: lockouts, single-use code markers, download
 * links, rate-limit counters and turn locks hold across the whole deployment. Each operation is one
 * atomic Redis command or script; expiry is Redis's own (PX / PEXPIRE).
 */
export class RedisExpiringStore implements ExpiringStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'bot:store:',
  ) {}

  async increment(key: string, ttlMs: number): Promise<number> {
    const count = await storeCall('increment', () =>
      this.redis.eval(INCREMENT, 1, this.prefix + key, String(ttlMs)),
    );
    return Number(count);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await storeCall('setIfAbsent', () =>
      this.redis.set(this.prefix + key, value, 'PX', ttlMs, 'NX'),
    );
    return reply === 'OK';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await storeCall('set', () => this.redis.set(this.prefix + key, value, 'PX', ttlMs));
  }

  async get(key: string): Promise<string | undefined> {
    return (await storeCall('get', () => this.redis.get(this.prefix + key))) ?? undefined;
  }

  async ttl(key: string): Promise<number> {
    return Math.max(0, await storeCall('ttl', () => this.redis.pttl(this.prefix + key)));
  }

  async delete(key: string): Promise<void> {
    await storeCall('delete', () => this.redis.del(this.prefix + key));
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    const deleted = await storeCall('deleteIfEquals', () =>
      this.redis.eval(DELETE_IF_EQUALS, 1, this.prefix + key, value),
    );
    return Number(deleted) === 1;
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const renewed = await storeCall('expireIfEquals', () =>
      this.redis.eval(EXPIRE_IF_EQUALS, 1, this.prefix + key, value, String(ttlMs)),
    );
    return Number(renewed) === 1;
  }
}
