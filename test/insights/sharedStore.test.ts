import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApplication, type Application } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';
import type { InsightEvent } from '../../src/insights/events';
import { INSIGHTS_STREAM, RedisInsightStore } from '../../src/insights/redisStore';
import { transcript } from '../helpers/activities';
import { runTsx } from '../helpers/cli';
import { TestConversation, ui } from '../helpers/conversation';
import { captureLogs } from '../helpers/logs';
import { redisForTests } from '../helpers/redis';

/**
 * Several instances behind a load balancer record into one Redis stream, and `faq -- report` reads it: support
 * staff see what users asked whichever instance answered them.
 */
const STATE_SECRET = 'a-shared-secret-of-at-least-32-characters';
const CLI_TIMEOUT = 60_000;
const redis = redisForTests();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shared-insights-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  await redis.client().flushall();
});

/** Everything in the stream as stored, one string per record. */
async function streamContent(): Promise<string[]> {
  const entries = await redis.client().xrange(INSIGHTS_STREAM, '-', '+');
  return entries.map(([, fields]) => fields.join(' '));
}

/** A server instance sharing Redis with the others; its structured log is kept for the test. */
async function instance(env: Record<string, string> = {}) {
  const logs = captureLogs();
  const config = loadConfig({
    SANDBOX_PORT: '0',
    REDIS_URL: redis.server().url,
    STATE_SECRET,
    // Where a single instance would write: nothing may land here with REDIS_URL set.
    INSIGHTS_FILE: path.join(dir, 'instance.jsonl'),
    ...env,
  });
  const app = await createApplication(config, {
    sandboxLog: () => undefined,
    logger: logs.logger,
    serving: true,
  });
  return { app, logs };
}

/** A file where a single instance would keep its records: with REDIS_URL the report must not read it. */
function staleFile(): string {
  const file = path.join(dir, 'stale.jsonl');
  const event: InsightEvent = {
    type: 'feedback',
    at: new Date().toISOString(),
    lang: 'it',
    entryId: 'ebill',
    helpful: false,
  };
  writeFileSync(file, `${JSON.stringify(event)}\n`);
  return file;
}

/** Runs `faq -- report` as the operator would, with the given environment. */
async function report(env: Record<string, string>, args: string[] = []) {
  const previous = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await runTsx('src/cli/faq.ts', ['report', ...args]);
  } finally {
    for (const key of Object.keys(env)) {
      if (previous[key] === undefined) delete process.env[key];
      else process.env[key] = previous[key];
    }
  }
}

describe('several instances with REDIS_URL', () => {
  let apps: Application[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  test(
    'record into the same stream, and the report counts what both were asked',
    async () => {
      const [a, b] = [await instance(), await instance()];
      apps = [a.app, b.app];
      await new TestConversation('de-CH', a.app.bot, 'on-a').send('Kann ich mein Velo versichern?');
      await new TestConversation('de-CH', b.app.bot, 'on-b').send('Velo versichern');
      const french = new TestConversation('fr-CH', b.app.bot, 'on-b-fr');
      await french.send('Puis-je assurer mon vélo?');
      await new TestConversation('de-CH', a.app.bot, 'on-a-2').send('Wie hoch ist der Online-Rabatt?');
      await Promise.all(apps.map((app) => app.close()));
      apps = [];
      const file = staleFile();

      const { code, stdout, stderr } = await report({
        REDIS_URL: redis.server().url,
        STATE_SECRET,
        INSIGHTS_FILE: file,
      });

      expect(stderr).not.toContain('Error');
      expect(code).toBe(0);
      expect(stdout).toContain(`Records: Redis stream "${INSIGHTS_STREAM}" (REDIS_URL)`);
      expect(stdout).toMatch(/Questions up to .*: 4\n/);
      expect(stdout).toContain('2× [de] "Kann ich mein Velo versichern?"');
      expect(stdout).toContain('also: "Velo versichern"');
      expect(stdout).toContain('1× [fr] "Puis-je assurer mon vélo?"');
      expect(stdout).toContain('de: 3 questions — 33.3% (1)');
      expect(stdout).not.toContain('ebill');
      expect(await streamContent()).toHaveLength(4);
      expect(existsSync(path.join(dir, 'instance.jsonl'))).toBe(false);
    },
    CLI_TIMEOUT,
  );

  test('a stream that cannot be written is logged, and the conversation goes on as if nothing happened', async () => {
    // The insight key holds something else: every XADD fails, while the conversation state works.
    await redis.client().set(INSIGHTS_STREAM, 'not a stream');
    const { app, logs } = await instance();
    apps = [app];
    const chat = new TestConversation('de-CH', app.bot);

    const unanswered = await chat.send('Kann ich mein Velo versichern?');
    const answered = await chat.send('Wie hoch ist der Online-Rabatt?');
    await app.close();
    apps = [];

    expect(transcript(unanswered)).toContain(ui('de', 'fallback.text'));
    expect(answered[0].text).toContain('5%');
    const failures = logs.entries().filter((e) => e.insightEvent === 'question');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({
      level: 'error',
      msg: expect.stringMatching(/^Could not record a question event: WRONGTYPE/),
    });
  });

  test('nothing in Redis holds a contract number, phone number, e-mail address or code in clear', async () => {
    const { app } = await instance();
    apps = [app];
    const chat = new TestConversation('de-CH', app.bot);
    const personal = [
      'KPT12345678',
      'kpt 2345 6789',
      '079 123 45 67',
      '+41 78 765 43 21',
      'hans.muster@bluewin.ch',
      '483920',
    ];

    for (const data of personal) await chat.send(`Franchise ${data} wie hoch?`);
    await app.close();
    apps = [];

    const all = (await streamContent()).join('\n');
    const { events } = await new RedisInsightStore(redis.client(), 100).read();
    const texts = events.flatMap((e) => (e.type === 'question' && e.text ? [e.text.replace(/\D/g, '')] : []));
    expect(texts).toHaveLength(personal.length);
    for (const data of personal) {
      expect(all).not.toContain(data);
      const digits = data.replace(/\D/g, '');
      if (digits) expect(texts).not.toContainEqual(expect.stringContaining(digits.slice(0, 6)));
    }
    expect(all).not.toContain('@');
    expect(all).toContain('KPT******78');
    expect(all).toContain('[phone]');
    expect(all).toContain('[e-mail]');
  });
});

describe('the Redis stream', () => {
  const event = (i: number, at = new Date(Date.UTC(2026, 10, 1) + i * 60_000)): InsightEvent => ({
    type: 'feedback',
    at: at.toISOString(),
    lang: 'de',
    entryId: `entry-${i}`,
    helpful: i % 2 === 0,
  });

  test('is read in order, past one page of records, and only since the given time', async () => {
    const store = new RedisInsightStore(redis.client(), 100_000);
    // Appended as the recorder does: what waited meanwhile, in one round trip.
    for (let i = 0; i < 2500; i += 500)
      await store.append(Array.from({ length: 500 }, (_, k) => event(i + k)));

    const all = await store.read();
    const recent = await store.read(new Date(event(2000).at));

    expect(all.events.map((e) => e.type === 'feedback' && e.entryId)).toEqual(
      Array.from({ length: 2500 }, (_, i) => `entry-${i}`),
    );
    expect(recent.events).toHaveLength(500);
    expect(recent.events[0]).toEqual(event(2000));
  });

  test('keeps about INSIGHTS_MAX_ENTRIES records, dropping the oldest', async () => {
    const store = new RedisInsightStore(redis.client(), 100);
    for (let i = 0; i < 1000; i++) await store.append([event(i)]);

    const { events } = await store.read();

    // "About": Redis trims whole blocks of the stream, never below the cap.
    expect(events.length).toBeGreaterThanOrEqual(100);
    expect(events.length).toBeLessThan(300);
    expect(events.at(-1)).toEqual(event(999));
    expect(events).not.toContainEqual(event(0));
  });

  test('a record another program wrote is counted as unreadable, not fatal', async () => {
    const store = new RedisInsightStore(redis.client(), 100);
    await store.append([event(1)]);
    await redis.client().xadd(INSIGHTS_STREAM, '*', 'event', '{"type":"question"');
    await redis.client().xadd(INSIGHTS_STREAM, '*', 'something', 'else');

    expect(await store.read()).toEqual({ events: [event(1)], unreadable: 2 });
  });
});

test('INSIGHTS_MAX_ENTRIES below 100 stops start-up naming the variable and the value', () => {
  expect(() => loadConfig({ INSIGHTS_MAX_ENTRIES: '10' })).toThrow(ConfigError);
  expect(() => loadConfig({ INSIGHTS_MAX_ENTRIES: '10' })).toThrow('INSIGHTS_MAX_ENTRIES="10": Too small');
});

test(
  'the report says so when Redis cannot be reached, instead of reading an old file',
  async () => {
    const { code, stdout, stderr } = await report({
      REDIS_URL: 'redis://127.0.0.1:1',
      STATE_SECRET,
      INSIGHTS_FILE: staleFile(),
    });

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('REDIS_URL: Redis is not reachable');
  },
  CLI_TIMEOUT,
);
