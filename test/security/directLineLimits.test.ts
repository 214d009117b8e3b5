import type restify from 'restify';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { DEFAULT_CONVERSATION_LIMITS, LocalConversations } from '../../src/server/directLine/conversations';
import { MemoryDirectLineStore } from '../../src/server/directLine/memoryStore';
import { createHttpServer } from '../../src/server/httpServer';
import { startSandbox, SANDBOX_API_KEY, type Sandbox } from '../../src/sandbox/server';
import { listen } from '../helpers/http';
import { captureLogs } from '../helpers/logs';
import { RedisServer } from '../helpers/redis';
import { connectRedis, createRedisClient } from '../../src/state/redisClient';
import {
  directLine,
  startSecurityServer,
  widgetToken,
  type SecurityServer,
  type WidgetGrant,
} from './securityServer';

/**
 * Finding 4: the local Direct Line could be denied to everyone (a token flood filled the global cap for an
 * hour) and grew without bound (activities stored before any limit, refresh minting ever more tokens).
 */
type Activities = { activities: Array<{ text?: string; from: { role?: string } }>; watermark: string };

async function grantFrom(response: Response): Promise<WidgetGrant> {
  expect(response.status).toBe(200);
  return (await response.json()) as WidgetGrant;
}

describe('per-client limits (behind one trusted proxy)', () => {
  let server: SecurityServer;
  beforeAll(async () => {
    server = await startSecurityServer({ TRUST_PROXY: '1', DIRECT_LINE_REQUESTS_PER_MINUTE: '40' });
  });
  afterAll(() => server.close());

  test('one client flooding the token endpoint gets 429; another client still gets a conversation', async () => {
    const flooder = { 'x-forwarded-for': '203.0.113.9' };
    const responses: Response[] = [];
    for (let i = 0; i < 12; i += 1) responses.push(await widgetToken(server.url, flooder));
    const statuses = responses.map((response) => response.status);
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The refused client is told when its minute is over.
    const retryAfter = Number(responses[11]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await widgetToken(server.url, { 'x-forwarded-for': '198.51.100.4' })).status).toBe(200);
  });

  test('one client calling Direct Line beyond its rate gets 429', async () => {
    const client = { 'x-forwarded-for': '203.0.113.10' };
    const grant = await grantFrom(await widgetToken(server.url, client));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 42; i += 1) {
      const response = await directLine(
        grant,
        'GET',
        `/conversations/${grant.conversationId}/activities`,
        undefined,
        client,
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
  });
});

describe('sizes and tokens', () => {
  let server: SecurityServer;
  beforeAll(async () => {
    server = await startSecurityServer();
  });
  afterAll(() => server.close());

  test('an oversized activity is refused (413) before it is stored', async () => {
    const grant = await grantFrom(await widgetToken(server.url));
    await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' });
    const path = `/conversations/${grant.conversationId}/activities`;
    const before = (await (await directLine(grant, 'GET', path)).json()) as Activities;
    const big = { type: 'message', text: 'hallo', value: { padding: 'x'.repeat(200 * 1024) } };
    expect((await directLine(grant, 'POST', path, big)).status).toBe(413);
    const after = (await (await directLine(grant, 'GET', path)).json()) as Activities;
    expect(after.watermark).toBe(before.watermark);
  });

  test('a refreshed token replaces the old one, which stops working at once', async () => {
    const grant = await grantFrom(await widgetToken(server.url));
    const refreshed = await directLine(grant, 'POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    const { token } = (await refreshed.json()) as { token: string };
    const path = `/conversations/${grant.conversationId}/activities`;
    expect((await directLine({ ...grant, token }, 'GET', path)).status).toBe(200);
    expect((await directLine(grant, 'GET', path)).status).toBe(403);
    expect((await directLine(grant, 'POST', '/tokens/refresh')).status).toBe(403);
  });
});

describe('lifetimes and budgets of the stored conversations', () => {
  const clock = { now: 0 };
  const limits = { ...DEFAULT_CONVERSATION_LIMITS, maxBytes: 2000, maxActivities: 50 };

  test('a conversation nobody started is forgotten after five minutes', async () => {
    const conversations = new LocalConversations({ now: () => clock.now, limits });
    const grant = await conversations.create();
    clock.now += 5 * 60_000;
    await expect(conversations.authorize(grant.token)).rejects.toThrow(/not found/i);
  });

  test('a started conversation lives while it is used, then an idle hour ends it', async () => {
    const conversations = new LocalConversations({ now: () => clock.now, limits });
    const grant = await conversations.create();
    expect(await conversations.start(await conversations.authorize(grant.token))).toBe(true);
    clock.now += 20 * 60_000;
    await conversations.authorize(grant.token);
    clock.now += 61 * 60_000;
    await expect(conversations.authorize(grant.token)).rejects.toThrow();
  });

  test('a conversation over its byte budget refuses (429) and stores nothing more', async () => {
    const conversations = new LocalConversations({ now: () => clock.now, limits });
    const grant = await conversations.create();
    const conversation = await conversations.authorize(grant.token);
    const message = { type: 'message', text: 'x'.repeat(400) };
    let refused: unknown;
    for (let i = 0; i < 10 && !refused; i += 1) {
      await conversations.append(conversation, message).catch((error: unknown) => (refused = error));
    }
    expect(refused).toMatchObject({ status: 429 });
    const { watermark } = await conversations.since(conversation, 0);
    expect(Number(watermark)).toBeLessThan(5);
  });

  test('all conversations together stay within the memory budget: the least recently used make room', async () => {
    const store = new MemoryDirectLineStore(
      { maxConversations: 100, maxTotalBytes: 3000, maxClientBytes: 3000, maxClientConversations: 100 },
      () => clock.now,
    );
    const conversations = new LocalConversations({ store, now: () => clock.now, limits });
    const message = { type: 'message', text: 'y'.repeat(900) };
    const opened = [];
    for (let i = 0; i < 5; i += 1) {
      const conversation = await conversations.authorize((await conversations.create(`192.0.2.${i}`)).token);
      await conversations.append(conversation, message);
      opened.push(conversation);
    }
    expect(store.size.bytes).toBeLessThanOrEqual(3000);
    expect(await conversations.has(opened[0]!.id)).toBe(false);
    expect(await conversations.has(opened[4]!.id)).toBe(true);
  });
});

describe('with REDIS_URL: two instances share the widget’s conversations (no sticky sessions)', () => {
  const STATE_SECRET = 'a-shared-secret-of-at-least-32-characters';
  let redis: RedisServer;
  let sandbox: Sandbox;
  const instances: Array<{ app: Application; server: restify.Server; url: string }> = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    for (let i = 0; i < 2; i += 1) {
      const config = loadConfig({
        REDIS_URL: redis.url,
        STATE_SECRET,
        BACKEND_URL: sandbox.url,
        BACKEND_API_KEY: SANDBOX_API_KEY,
      });
      const app = await createApplication(config, {
        sandboxLog: () => undefined,
        logger: captureLogs().logger,
      });
      const server = createHttpServer({
        adapter: createAdapter(config, app.services.translator, app.logger),
        bot: app.bot,
        downloads: app.downloads,
        translator: app.services.translator,
        widget: { config, log: () => undefined, directLine: app.localDirectLine },
      });
      instances.push({ app, server, url: await listen(server.server) });
    }
  }, 60_000);

  afterAll(async () => {
    for (const { app, server } of instances) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    }
    await sandbox?.close();
    await redis?.dispose();
  });

  const on = (grant: WidgetGrant, index: number): WidgetGrant => ({
    ...grant,
    domain: `${instances[index]!.url}/v3/directline`,
  });

  test('a token from one instance starts, posts and reads on the other; refresh revokes everywhere', async () => {
    const grant = await grantFrom(await widgetToken(instances[0]!.url));
    expect((await directLine(on(grant, 1), 'POST', '/conversations', { locale: 'de-CH' })).status).toBe(201);
    const path = `/conversations/${grant.conversationId}/activities`;
    const posted = await directLine(on(grant, 0), 'POST', path, { type: 'message', text: 'KPT10000001' });
    expect(posted.status).toBe(200);
    const read = (await (await directLine(on(grant, 1), 'GET', path)).json()) as Activities;
    expect(read.activities.some((a) => a.text === 'KPT10000001')).toBe(true);
    expect(read.activities.filter((a) => a.from.role === 'bot').length).toBeGreaterThan(1);

    const refreshed = (await (
      await directLine(on(grant, 1), 'POST', '/tokens/refresh')
    ).json()) as WidgetGrant;
    expect((await directLine(on(grant, 0), 'GET', path)).status).toBe(403);
    expect((await directLine({ ...on(grant, 0), token: refreshed.token }, 'GET', path)).status).toBe(200);
  });

  test('Redis holds neither a token nor what the user typed in clear', async () => {
    const grant = await grantFrom(await widgetToken(instances[1]!.url));
    await directLine(on(grant, 0), 'POST', '/conversations', {});
    const typed = 'KPT10000002 and my code 123456';
    await directLine(on(grant, 0), 'POST', `/conversations/${grant.conversationId}/activities`, {
      type: 'message',
      text: typed,
    });
    const reader = createRedisClient(redis.url);
    await connectRedis(reader);
    try {
      const keys = await reader.keys('bot:dl:*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain(grant.token);
      const values = await Promise.all(
        keys.map(async (key) => {
          const type = await reader.type(key);
          if (type === 'list') return (await reader.lrange(key, 0, -1)).join(' ');
          if (type === 'hash') return JSON.stringify(await reader.hgetall(key));
          if (type === 'zset') return (await reader.zrange(key, '0', '-1')).join(' ');
          return (await reader.get(key)) ?? '';
        }),
      );
      expect(values.join(' ')).not.toContain('KPT10000002');
      expect(values.join(' ')).not.toContain(grant.token);
    } finally {
      reader.disconnect();
    }
  });
});
