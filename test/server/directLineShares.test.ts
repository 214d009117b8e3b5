import { MemoryExpiringStore } from '../../src/security/expiringStore';
import { ClientLimits } from '../../src/server/directLine/clientLimits';
import { LocalConversations } from '../../src/server/directLine/conversations';
import { MemoryDirectLineStore } from '../../src/server/directLine/memoryStore';
import { RedisDirectLineStore } from '../../src/server/directLine/redisStore';
import { SecretBox } from '../../src/security/secretBox';
import { connectRedis, createRedisClient } from '../../src/state/redisClient';
import { RedisServer } from '../helpers/redis';
import {
  directLine,
  startSecurityServer,
  widgetToken,
  type SecurityServer,
  type WidgetGrant,
} from '../security/securityServer';

/**
 * One client must not take the widget down for everyone: from one address, many conversations of big
 * events filled the instance's store, and every new visitor then got 502 (the log said "too long").
 */
type Activities = { activities: Array<{ text?: string; channelData?: unknown; from: { role?: string } }> };

const ATTACKER = { 'x-forwarded-for': '203.0.113.5' };
const visitor = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });

describe('each client holds a bounded share of the local Direct Line store', () => {
  let server: SecurityServer;
  const store = new MemoryDirectLineStore({
    maxConversations: 40,
    maxTotalBytes: 60_000,
    maxClientBytes: 20_000,
    maxClientConversations: 6,
  });

  beforeAll(async () => {
    server = await startSecurityServer(
      { TRUST_PROXY: '1' },
      {
        conversations: new LocalConversations({ store }),
        clients: new ClientLimits(new MemoryExpiringStore(), (address) => address, {
          conversationsPerMinute: 1000,
          requestsPerMinute: 100_000,
        }),
        trustedProxies: 1,
      },
    );
  });
  afterAll(() => server.close());

  async function open(headers: Record<string, string>): Promise<{ grant: WidgetGrant; start: number }> {
    const response = await widgetToken(server.url, headers);
    expect(response.status).toBe(200);
    const grant = (await response.json()) as WidgetGrant;
    const start = await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' }, headers);
    return { grant, start: start.status };
  }

  const post = (grant: WidgetGrant, activity: unknown, headers: Record<string, string>) =>
    directLine(grant, 'POST', `/conversations/${grant.conversationId}/activities`, activity, headers);

  async function activitiesOf(grant: WidgetGrant, headers: Record<string, string>) {
    const response = await directLine(
      grant,
      'GET',
      `/conversations/${grant.conversationId}/activities`,
      undefined,
      headers,
    );
    return ((await response.json()) as Activities).activities;
  }

  test('big channelData is not stored; a client over its share gets 429 while newcomers are served', async () => {
    const statuses = new Map<number, number>();
    let refusal = '';
    for (let c = 0; c < 10; c += 1) {
      const { grant } = await open(ATTACKER);
      for (let i = 0; i < 8; i += 1) {
        const pad = {
          type: 'event',
          name: 'pad',
          channelData: { clientActivityID: `a${i}`, pad: 'p'.repeat(15_000) },
        };
        const text = { type: 'message', text: 'x'.repeat(3000) };
        const response = await post(grant, i % 2 === 0 ? pad : text, ATTACKER);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 429) refusal = JSON.stringify(await response.json());
        else await response.arrayBuffer();
      }
      if (c === 0) {
        const activities = await activitiesOf(grant, ATTACKER);
        expect(JSON.stringify(activities)).not.toContain('ppppp');
        expect(activities.find((a) => a.channelData)?.channelData).toEqual({ clientActivityID: 'a0' });
      }
    }
    expect(statuses.get(502)).toBeUndefined();
    expect(statuses.get(429)).toBeGreaterThan(0);
    expect(refusal).toContain('Too much stored for this client');
    expect(store.size.bytes).toBeLessThanOrEqual(20_000);

    // Other clients: served, and when all of them together fill the store the least recent ones make room.
    for (let n = 1; n <= 6; n += 1) {
      const { grant, start } = await open(visitor(n));
      expect(start).toBe(201);
      for (let i = 0; i < 4; i += 1) {
        const response = await post(
          grant,
          { type: 'message', text: `Online-Rabatt ${'y'.repeat(2000)}` },
          visitor(n),
        );
        expect(response.status).toBe(200);
      }
    }
    const { grant, start } = await open(visitor(99));
    expect(start).toBe(201);
    expect((await post(grant, { type: 'message', text: 'Online-Rabatt' }, visitor(99))).status).toBe(200);
    const activities = await activitiesOf(grant, visitor(99));
    expect(activities.filter((a) => a.from.role === 'bot').length).toBeGreaterThan(1);
    expect(store.size.bytes).toBeLessThanOrEqual(60_000);
    expect(server.log.join('\n')).not.toContain('too long');
  }, 60_000);
});

test('idle conversations are forgotten after their hour even when no new one is created', async () => {
  const clock = { now: 0 };
  const store = new MemoryDirectLineStore(undefined, () => clock.now);
  const conversations = new LocalConversations({ store, now: () => clock.now });
  const grants = [];
  for (let i = 0; i < 3; i += 1) grants.push(await conversations.create(`192.0.2.${i}`));
  for (const grant of grants) {
    const conversation = await conversations.authorize(grant.token);
    await conversations.start(conversation);
    await conversations.append(conversation, { type: 'message', text: 'Online-Rabatt' });
  }
  expect(store.size).toMatchObject({ conversations: 3, tokens: 3 });
  clock.now += 61 * 60_000;
  await conversations.has('someone-else'); // any call, a poll of another conversation say
  expect(store.size).toEqual({ conversations: 0, bytes: 0, tokens: 0 });
});

describe('with REDIS_URL: the same share per client, across instances', () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createRedisClient>;
  const servers: SecurityServer[] = [];
  const share = { maxClientBytes: 20_000, maxClientConversations: 6 };

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = createRedisClient(redis.url);
    await connectRedis(client);
    const box = new SecretBox('a-shared-secret-of-at-least-32-characters');
    // Two instances behind a load balancer: one Redis, no sticky sessions.
    for (let i = 0; i < 2; i += 1) {
      servers.push(
        await startSecurityServer(
          { TRUST_PROXY: '1' },
          {
            conversations: new LocalConversations({ store: new RedisDirectLineStore(client, box, share) }),
            clients: new ClientLimits(new MemoryExpiringStore(), (address) => address, {
              conversationsPerMinute: 1000,
              requestsPerMinute: 100_000,
            }),
            trustedProxies: 1,
          },
        ),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
    client?.disconnect();
    await redis?.dispose();
  });

  /** A conversation opened on one instance; `on(i)` reaches it through instance i. */
  async function open(headers: Record<string, string>, instance: number) {
    const grant = (await (await widgetToken(servers[instance]!.url, headers)).json()) as WidgetGrant;
    const on = (i: number): WidgetGrant => ({ ...grant, domain: `${servers[i]!.url}/v3/directline` });
    const started = await directLine(on(instance), 'POST', '/conversations', { locale: 'de-CH' }, headers);
    return { grant, on, started: started.status };
  }

  const logsInRedis = async () => (await client.keys('bot:dl:log:*')).length;

  test('a client over its bytes gets 429 on every instance, its oldest conversations make room, a newcomer is served', async () => {
    const statuses = new Map<number, number>();
    let refusal = '';
    const attacker: Array<Awaited<ReturnType<typeof open>>> = [];
    for (let c = 0; c < 10; c += 1) {
      const conversation = await open(ATTACKER, c % 2);
      attacker.push(conversation);
      for (let i = 0; i < 6; i += 1) {
        const response = await directLine(
          conversation.on(i % 2),
          'POST',
          `/conversations/${conversation.grant.conversationId}/activities`,
          { type: 'message', text: 'x'.repeat(3000) },
          ATTACKER,
        );
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 429) refusal = JSON.stringify(await response.json());
        else await response.arrayBuffer();
      }
    }
    expect(statuses.get(502)).toBeUndefined();
    expect(statuses.get(429)).toBeGreaterThan(0);
    expect(refusal).toContain('Too much stored for this client');
    // At most 6 of the attacker's 10 conversations are left in Redis; the first ones are gone.
    expect(await client.keys('bot:dl:conv:*')).toHaveLength(6);
    const first = attacker[0]!;
    const gone = await directLine(
      first.on(1),
      'GET',
      `/conversations/${first.grant.conversationId}/activities`,
    );
    expect(gone.status).toBeGreaterThanOrEqual(400);
    // What the attacker's logs hold (sealed) stays near its share, not 10 × 6 × 3 KB.
    const sealedBytes = (
      await Promise.all((await client.keys('bot:dl:log:*')).map((key) => client.lrange(key, 0, -1)))
    )
      .flat()
      .reduce((sum, item) => sum + item.length, 0);
    expect(sealedBytes).toBeLessThan(2 * share.maxClientBytes);
    expect(await logsInRedis()).toBeLessThanOrEqual(6);

    const newcomer = await open(visitor(7), 1);
    expect(newcomer.started).toBe(201);
    const path = `/conversations/${newcomer.grant.conversationId}/activities`;
    expect(
      (await directLine(newcomer.on(0), 'POST', path, { type: 'message', text: 'Online-Rabatt' }, visitor(7)))
        .status,
    ).toBe(200);
    const read = (await (
      await directLine(newcomer.on(1), 'GET', path, undefined, visitor(7))
    ).json()) as Activities;
    expect(read.activities.filter((a) => a.from.role === 'bot').length).toBeGreaterThan(1);
  }, 60_000);
});
