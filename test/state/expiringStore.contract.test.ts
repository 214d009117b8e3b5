import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryExpiringStore, type ExpiringStore } from '../../src/security/expiringStore';
import { RedisExpiringStore } from '../../src/state/redisExpiringStore';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();

/** The one contract every ExpiringStore keeps; the security limits rely on exactly this. */
describe.each([
  ['MemoryExpiringStore', (): ExpiringStore => new MemoryExpiringStore()],
  ['RedisExpiringStore', (): ExpiringStore => new RedisExpiringStore(redis.client())],
])('%s', (_name, createStore) => {
  let store: ExpiringStore;
  let key: string;

  beforeEach(() => {
    store = createStore();
    key = `test:${randomUUID()}`;
  });

  test('increment counts from 1 and the count expires with the window started by the first increment', async () => {
    expect(await store.increment(key, 300)).toBe(1);
    expect(await store.increment(key, 300)).toBe(2);
    await sleep(150);
    // A later increment does not extend the window.
    expect(await store.increment(key, 300)).toBe(3);
    await sleep(250);
    expect(await store.increment(key, 300)).toBe(1);
  });

  test('concurrent increments are never lost', async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment(key, 10_000)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  test('setIfAbsent succeeds once, until the value expires', async () => {
    const results = await Promise.all([
      store.setIfAbsent(key, 'a', 200),
      store.setIfAbsent(key, 'b', 200),
      store.setIfAbsent(key, 'c', 200),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][results.indexOf(true)];
    expect(await store.get(key)).toBe(winner);
    await sleep(250);
    expect(await store.get(key)).toBeUndefined();
    expect(await store.setIfAbsent(key, 'd', 200)).toBe(true);
  });

  test('set overwrites, get reads, delete removes', async () => {
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, 'one', 10_000);
    await store.set(key, 'two', 10_000);
    expect(await store.get(key)).toBe('two');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
  });

  test('ttl is the time left, and 0 for an absent or expired key', async () => {
    expect(await store.ttl(key)).toBe(0);
    await store.set(key, 'x', 60_000);
    const left = await store.ttl(key);
    expect(left).toBeGreaterThan(55_000);
    expect(left).toBeLessThanOrEqual(60_000);
    await store.set(key, 'x', 100);
    await sleep(150);
    expect(await store.ttl(key)).toBe(0);
  });

  test('deleteIfEquals removes only the expected value', async () => {
    await store.set(key, 'mine', 10_000);
    expect(await store.deleteIfEquals(key, 'theirs')).toBe(false);
    expect(await store.get(key)).toBe('mine');
    expect(await store.deleteIfEquals(key, 'mine')).toBe(true);
    expect(await store.get(key)).toBeUndefined();
    expect(await store.deleteIfEquals(key, 'mine')).toBe(false);
  });

  test('expireIfEquals renews only the expected value', async () => {
    await store.set(key, 'mine', 300);
    expect(await store.expireIfEquals(key, 'theirs', 60_000)).toBe(false);
    expect(await store.expireIfEquals(key, 'mine', 60_000)).toBe(true);
    await sleep(400);
    expect(await store.get(key)).toBe('mine');
    expect(await store.ttl(key)).toBeGreaterThan(50_000);
    expect(await store.expireIfEquals(`${key}-absent`, 'mine', 60_000)).toBe(false);
    expect(await store.get(`${key}-absent`)).toBeUndefined();
  });

  test('values keep any Unicode and size', async () => {
    const value = `Grüezi 🇨🇭 ${'é'.repeat(100_000)}`;
    await store.set(key, value, 10_000);
    expect(await store.get(key)).toBe(value);
  });
});

describe('RedisExpiringStore with the server down', () => {
  test('fails fast with StoreUnavailableError, and works again once the server is back', async () => {
    const store = new RedisExpiringStore(redis.client());
    const key = `test:${randomUUID()}`;
    await store.set(key, 'kept', 60_000);
    await redis.server().stop();
    const started = Date.now();
    await expect(store.get(key)).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(Date.now() - started).toBeLessThan(5000);
    await redis.server().start();
    await waitFor(async () => (await store.get(key).catch(() => undefined)) === 'kept');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('MemoryExpiringStore bounds', () => {
  const bounds = { maxEntries: 3, maxValueChars: 1000, sweepEveryMs: 60_000 };

  test('beyond the key cap the oldest key is forgotten first; an increment keeps its place', async () => {
    const store = new MemoryExpiringStore(Date.now, bounds);
    await store.increment('a', 60_000);
    await store.set('b', 'x', 60_000);
    await store.set('c', 'x', 60_000);
    await store.increment('a', 60_000);
    await store.set('b', 'y', 60_000); // set again: now the newest
    await store.set('d', 'x', 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect([await store.get('b'), await store.get('c'), await store.get('d')]).toEqual(['y', 'x', 'x']);
    expect(store.liveCount()).toBe(3);
  });

  test('beyond the size budget the oldest values are forgotten (documents behind download links)', async () => {
    const store = new MemoryExpiringStore(Date.now, { ...bounds, maxEntries: 100 });
    await store.set('one', 'x'.repeat(400), 60_000);
    await store.set('two', 'x'.repeat(400), 60_000);
    await store.set('three', 'x'.repeat(400), 60_000);
    expect(await store.get('one')).toBeUndefined();
    expect((await store.get('two'))?.length).toBe(400);
    expect((await store.get('three'))?.length).toBe(400);
  });

  test('keys nobody reads again are forgotten once expired, so the count falls back', async () => {
    let now = 0;
    const store = new MemoryExpiringStore(() => now, { ...bounds, maxEntries: 1000 });
    for (let i = 0; i < 100; i++) await store.increment(`rate:${i}`, 60_000);
    await store.set('download:x', 'pdf', 600_000);
    expect(store.liveCount()).toBe(101);
    now = 60_000;
    expect(store.liveCount()).toBe(1);
  });

  test('a write sweeps expired keys at most once a minute, without anyone counting', async () => {
    let now = 0;
    const store = new MemoryExpiringStore(() => now, { ...bounds, maxEntries: 1000 });
    for (let i = 0; i < 100; i++) await store.increment(`rate:${i}`, 1000);
    now = 61_000;
    await store.set('other', 'x', 1000);
    // Counted with the clock turned back: only the write can have forgotten the old keys.
    now = 0;
    expect(store.liveCount()).toBe(1);
  });
});
