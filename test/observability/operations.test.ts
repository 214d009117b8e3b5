import { TestAdapter } from 'botbuilder';
import type restify from 'restify';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';
import { listen } from '../helpers/http';
import { captureLogs } from '../helpers/logs';
import { RedisServer } from '../helpers/redis';

/** The operator's view: /healthz, /readyz and /metrics of a running instance. */
const STATE_SECRET = 'a-shared-secret-of-at-least-32-characters';

async function serve(
  app: Application,
  config = loadConfig({}),
): Promise<{ url: string; server: restify.Server }> {
  const server = createHttpServer({
    adapter: createAdapter(config, app.services.translator, app.logger),
    bot: app.bot,
    downloads: app.downloads,
    translator: app.services.translator,
    operations: { metrics: app.metrics, readiness: app.readiness },
  });
  return { url: await listen(server.server), server };
}

const stop = (server: restify.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('health and readiness with Redis', () => {
  let redis: RedisServer;
  let app: Application;
  let url: string;
  let server: restify.Server;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const config = loadConfig({ SANDBOX_PORT: '0', REDIS_URL: redis.url, STATE_SECRET });
    app = await createApplication(config, { sandboxLog: () => undefined, logger: captureLogs().logger });
    ({ url, server } = await serve(app));
  });

  afterAll(async () => {
    await stop(server);
    await app.close();
    await redis.dispose();
  });

  test('/healthz answers while the process runs; /readyz when storage, backend and content are fine', async () => {
    expect(await getJson(`${url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${url}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { storage: 'ok', backend: 'ok', content: 'ok' } },
    });
  });

  test('Redis down: /readyz is 503 naming the storage, /healthz stays 200; both recover', async () => {
    await redis.stop();
    const down = await getJson(`${url}/readyz`);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'not ready',
      checks: { storage: expect.stringMatching(/^Redis unreachable/), backend: 'ok', content: 'ok' },
    });
    expect((await getJson(`${url}/healthz`)).status).toBe(200);

    await redis.start();
    const deadline = Date.now() + 10_000;
    while ((await getJson(`${url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('/readyz did not recover');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test('shutting down: /readyz is 503 so the load balancer sends nothing new', async () => {
    app.readiness.markShuttingDown();
    expect(await getJson(`${url}/readyz`)).toEqual({
      status: 503,
      body: { status: 'not ready', checks: { instance: 'shutting down' } },
    });
  });
});

test('/readyz names an unreachable backend', async () => {
  const config = loadConfig({ BACKEND_URL: 'http://127.0.0.1:9', BACKEND_API_KEY: 'k' });
  const app = await createApplication(config, { sandboxLog: () => undefined, logger: captureLogs().logger });
  const { url, server } = await serve(app);
  try {
    const { status, body } = await getJson(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      checks: { storage: 'ok', backend: expect.stringMatching(/^backend unreachable/) },
    });
  } finally {
    await stop(server);
    await app.close();
  }
});

describe('/metrics', () => {
  let app: Application;
  let url: string;
  let server: restify.Server;

  beforeAll(async () => {
    app = await createApplication(loadConfig({ SANDBOX_PORT: '0' }), {
      sandboxLog: () => undefined,
      logger: captureLogs().logger,
    });
    ({ url, server } = await serve(app));
  });

  afterAll(async () => {
    await stop(server);
    await app.close();
  });

  async function metrics(): Promise<string> {
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  }

  /** The value of one sample, e.g. value(text, 'bot_turns_total', { type: 'message', outcome: 'ok' }). */
  function value(text: string, name: string, labels: Record<string, string> = {}): number {
    const line = text
      .split('\n')
      .find(
        (l) =>
          (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) &&
          Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
      );
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  test('counts turns, their latency, FAQ outcomes per language, backend calls, action outcomes and lockouts', async () => {
    const chat = (id: string, locale: string) => {
      const adapter = new TestAdapter(async (context) => app.bot.run(context));
      adapter.conversation.conversation = { ...adapter.conversation.conversation, id };
      return async (text: string) => void (await adapter.send({ text, locale }));
    };
    const de = chat('metrics-de', 'de-CH');
    await de('Wie hoch ist der Online-Rabatt?');
    await de('xqzt blorp wuff');
    await chat('metrics-fr', 'fr-CH')('Quel est le rabais online?');

    const request = chat('metrics-code', 'de-CH');
    for (const text of ['Schicken Sie mir einen Code', 'KPT10000001', 'SMS']) await request(text);

    const lockout = chat('metrics-lock', 'de-CH');
    for (const text of ['Ich brauche die Steuerbescheinigung', 'KPT10000004', 'per SMS']) await lockout(text);
    for (let i = 0; i < 3; i += 1) await lockout('000000');

    const text = await metrics();
    expect(value(text, 'bot_turns_total', { type: 'message', outcome: 'ok' })).toBe(12);
    expect(value(text, 'bot_turn_duration_seconds_count', { type: 'message' })).toBe(12);
    expect(value(text, 'bot_faq_outcomes_total', { lang: 'de', outcome: 'answered' })).toBe(1);
    expect(value(text, 'bot_faq_outcomes_total', { lang: 'de', outcome: 'fallback' })).toBe(1);
    expect(value(text, 'bot_faq_outcomes_total', { lang: 'fr', outcome: 'answered' })).toBe(1);
    expect(
      value(text, 'bot_backend_call_duration_seconds_count', { operation: 'sendLoginCode', result: 'ok' }),
    ).toBe(1);
    expect(value(text, 'bot_action_outcomes_total', { action: 'request-code', outcome: 'ok' })).toBe(1);
    // Three wrong codes: the backend refuses them as invalid, the last one possibly as "locked".
    const refused = (name: string, labels: Record<string, string>, kind: string) =>
      value(text, name, { ...labels, [kind]: 'invalid-code' }) +
      value(text, name, { ...labels, [kind]: 'locked' });
    expect(refused('bot_action_outcomes_total', { action: 'verify-identity' }, 'outcome')).toBe(3);
    expect(refused('bot_backend_errors_total', { operation: 'verifyChallenge' }, 'kind')).toBe(3);
    expect(value(text, 'bot_lockouts_total')).toBe(1);
    expect(text).toContain('process_cpu_seconds_total');
  });

  test('each application counts in its own registry', async () => {
    const other = await createApplication(loadConfig({ SANDBOX_PORT: '0' }), {
      sandboxLog: () => undefined,
      logger: captureLogs().logger,
    });
    try {
      expect(value(await other.metrics.exposition().then((m) => m.body), 'bot_turns_total')).toBe(0);
      expect(value(await metrics(), 'bot_turns_total', { type: 'message', outcome: 'ok' })).toBeGreaterThan(
        0,
      );
    } finally {
      await other.close();
    }
  });
});
