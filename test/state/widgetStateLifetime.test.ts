import { ExpiringMemoryStorage } from '../../src/bot/storage/expiringMemoryStorage';
import { RedisStorage } from '../../src/bot/storage/redisStorage';
import { dropWidgetState, stateLifetime, widgetStateKey } from '../../src/bot/storage/stateLifetime';
import { LocalConversations } from '../../src/server/directLine/conversations';
import { MemoryDirectLineStore } from '../../src/server/directLine/memoryStore';
import { connectRedis, createRedisClient } from '../../src/state/redisClient';
import { RedisServer } from '../helpers/redis';

/**
 * A widget conversation's bot state (its language, a flow in progress) lived 24 hours while its Direct Line
 * log, the only way back into it, was gone after an idle hour: memory held for nobody.
 */
const DAY_MS = 24 * 3_600_000;

test('in memory: when the Direct Line forgets a conversation (idle hour or eviction), its state goes too', async () => {
  const clock = { now: 0 };
  const storage = new ExpiringMemoryStorage({ ttlMs: DAY_MS, maxItems: 1000, now: () => clock.now });
  const store = new MemoryDirectLineStore(
    { maxConversations: 100, maxTotalBytes: 1e6, maxClientBytes: 1e5, maxClientConversations: 2 },
    () => clock.now,
    dropWidgetState(storage),
  );
  const conversations = new LocalConversations({ store, now: () => clock.now });
  const open = async (client: string) => {
    const grant = await conversations.create(client);
    await conversations.start(await conversations.authorize(grant.token));
    await storage.write({ [widgetStateKey(grant.conversationId)]: { conversation: { lang: 'fr' } } });
    return grant.conversationId;
  };
  const held = async (id: string) => Object.keys(await storage.read([widgetStateKey(id)])).length;

  const idle = await open('192.0.2.1');
  // One client's third conversation evicts its first: that state goes with it.
  const [first, second] = [await open('192.0.2.2'), await open('192.0.2.2')];
  await open('192.0.2.2');
  expect([await held(first), await held(second)]).toEqual([0, 1]);

  clock.now += 61 * 60_000;
  await conversations.has('any'); // any call of the widget
  expect(await held(idle)).toBe(0);
  expect(storage.liveCount()).toBe(0);
});

test('in Redis: a widget conversation’s state expires after the idle hour, other channels’ after the day', async () => {
  const redis = await RedisServer.start();
  const client = createRedisClient(redis.url);
  try {
    await connectRedis(client);
    const storage = new RedisStorage(client, stateLifetime(DAY_MS));
    await storage.write({
      [widgetStateKey('w1')]: { conversation: { lang: 'it' } },
      'msteams/conversations/t1/': { conversation: { lang: 'de' } },
    });
    const widgetTtl = await client.pttl(`bot:state:${widgetStateKey('w1')}`);
    const teamsTtl = await client.pttl('bot:state:msteams/conversations/t1/');
    expect(widgetTtl).toBeGreaterThan(59 * 60_000);
    expect(widgetTtl).toBeLessThanOrEqual(60 * 60_000);
    expect(teamsTtl).toBeGreaterThan(DAY_MS - 60_000);
  } finally {
    client.disconnect();
    await redis.dispose();
  }
});
