import type { Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExpiringMemoryStorage } from '../../src/bot/storage/expiringMemoryStorage';
import { RedisStorage } from '../../src/bot/storage/redisStorage';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();

const TTL_MS = 1000;

/**
 * The conversation state's contract, kept by the in-memory storage of one instance and by Redis alike:
 * botbuilder's eTags (as its MemoryStorage has them), all-or-nothing writes, and expiry after the last write.
 */
describe.each([
  ['ExpiringMemoryStorage', (): Storage => new ExpiringMemoryStorage({ ttlMs: TTL_MS, maxItems: 1000 })],
  ['RedisStorage', (): Storage => new RedisStorage(redis.client(), TTL_MS)],
])('%s', (_name, createStorage) => {
  let storage: Storage;
  let key: string;

  beforeEach(() => {
    storage = createStorage();
    key = `test/conversations/${randomUUID()}`;
  });

  test('an absent item reads as nothing; a written item reads back with an eTag', async () => {
    expect(await storage.read([key])).toEqual({});
    await storage.write({ [key]: { dialog: { step: 2 }, lang: 'fr' } });
    const { [key]: item } = await storage.read([key]);
    expect(item).toMatchObject({ dialog: { step: 2 }, lang: 'fr' });
    expect(typeof item!.eTag).toBe('string');
  });

  test('a write carrying the current eTag succeeds and changes the eTag', async () => {
    await storage.write({ [key]: { n: 1 } });
    const first = (await storage.read([key]))[key]!;
    await storage.write({ [key]: { ...first, n: 2 } });
    const second = (await storage.read([key]))[key]!;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  test('a stale write is rejected and never overwrites the newer item', async () => {
    await storage.write({ [key]: { n: 1 } });
    const read = (await storage.read([key]))[key]!;
    await storage.write({ [key]: { ...read, n: 2 } });
    await expect(storage.write({ [key]: { ...read, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read([key]))[key]!.n).toBe(2);
  });

  test('eTag "*" writes unconditionally', async () => {
    await storage.write({ [key]: { n: 1 } });
    await storage.write({ [key]: { n: 5, eTag: '*' } });
    expect((await storage.read([key]))[key]!.n).toBe(5);
  });

  test('several items are read together and deleted together', async () => {
    const other = `${key}-other`;
    await storage.write({ [key]: { n: 1 }, [other]: { n: 2 } });
    const items = await storage.read([key, other, `${key}-absent`]);
    expect(Object.keys(items).sort()).toEqual([key, other].sort());
    await storage.delete([key, other]);
    expect(await storage.read([key, other])).toEqual({});
  });

  test('a write with one stale item writes none of the items', async () => {
    const [a, b] = [`${key}-a`, `${key}-b`];
    await storage.write({ [a]: { n: 1 }, [b]: { n: 1 } });
    const staleB = (await storage.read([b]))[b]!;
    await storage.write({ [b]: { ...staleB, n: 2 } });
    const freshA = (await storage.read([a]))[a]!;
    await expect(storage.write({ [a]: { ...freshA, n: 9 }, [b]: { ...staleB, n: 9 } })).rejects.toThrow(
      `"${b}"`,
    );
    expect((await storage.read([a]))[a]!.n).toBe(1);
  });

  test('an item read and changed by the caller is not changed in storage', async () => {
    await storage.write({ [key]: { list: [1] } });
    const read = (await storage.read([key]))[key]!;
    (read.list as number[]).push(2);
    expect((await storage.read([key]))[key]!.list).toEqual([1]);
  });

  test('an idle item expires; every write starts its time again', async () => {
    await storage.write({ [key]: { n: 1 } });
    await sleep(TTL_MS * 0.6);
    const read = (await storage.read([key]))[key]!;
    await storage.write({ [key]: { ...read, n: 2 } });
    await sleep(TTL_MS * 0.6);
    // Longer than the TTL since the first write, shorter since the last one.
    expect((await storage.read([key]))[key]!.n).toBe(2);
    await sleep(TTL_MS * 0.6);
    expect(await storage.read([key])).toEqual({});
    // An expired item is simply absent: a new conversation may start under the same key.
    await storage.write({ [key]: { ...read, n: 3 } });
    expect((await storage.read([key]))[key]!.n).toBe(3);
  });
});

describe('ExpiringMemoryStorage cap', () => {
  test('beyond the cap the least recently written item is forgotten first', async () => {
    const storage = new ExpiringMemoryStorage({ ttlMs: 60_000, maxItems: 3 });
    await storage.write({ a: { n: 1 }, b: { n: 1 }, c: { n: 1 } });
    await storage.write({ a: { n: 2 } }); // now b is the oldest
    await storage.write({ d: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
    await storage.write({ e: { n: 1 }, f: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd', 'e', 'f'])).sort()).toEqual(['d', 'e', 'f']);
    expect(storage.liveCount()).toBe(3);
  });

  test('expired items are forgotten without being read again, so the count falls back', async () => {
    let now = 0;
    const storage = new ExpiringMemoryStorage({ ttlMs: 1000, maxItems: 100, now: () => now });
    for (let i = 0; i < 50; i++) await storage.write({ [`c${i}`]: { n: i } });
    now = 600;
    await storage.write({ late: { n: 1 } });
    expect(storage.liveCount()).toBe(51);
    now = 1000;
    expect(storage.liveCount()).toBe(1);
    now = 1600;
    expect(storage.liveCount()).toBe(0);
  });
});
