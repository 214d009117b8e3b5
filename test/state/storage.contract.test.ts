import { MemoryStorage, type Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisStorage } from '../../src/bot/storage/redisStorage';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();

/** botbuilder's Storage contract, eTags included, kept by MemoryStorage and by RedisStorage alike. */
describe.each([
  ['MemoryStorage', (): Storage => new MemoryStorage()],
  ['RedisStorage', (): Storage => new RedisStorage(redis.client(), 60_000)],
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
});

describe('RedisStorage', () => {
  test('a write with one stale item writes none of the items', async () => {
    const storage = new RedisStorage(redis.client(), 60_000);
    const [a, b] = [`test/${randomUUID()}`, `test/${randomUUID()}`];
    await storage.write({ [a]: { n: 1 }, [b]: { n: 1 } });
    const staleB = (await storage.read([b]))[b]!;
    await storage.write({ [b]: { ...staleB, n: 2 } });
    const freshA = (await storage.read([a]))[a]!;
    await expect(storage.write({ [a]: { ...freshA, n: 9 }, [b]: { ...staleB, n: 9 } })).rejects.toThrow(
      `"${b}"`,
    );
    expect((await storage.read([a]))[a]!.n).toBe(1);
  });

  test('an idle conversation state expires after the configured time', async () => {
    const storage = new RedisStorage(redis.client(), 200);
    const key = `test/${randomUUID()}`;
    await storage.write({ [key]: { n: 1 } });
    expect(await storage.read([key])).not.toEqual({});
    await sleep(300);
    expect(await storage.read([key])).toEqual({});
  });
});
