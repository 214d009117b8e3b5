import type { AddressInfo } from 'node:net';
import { getHeapSnapshot } from 'node:v8';
import { createApplication } from '../src/app';
import { runCli } from '../src/cli/args';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { createAdapter } from '../src/server/adapter';
import { createHttpServer } from '../src/server/httpServer';
import { benchChannelUrl, botApologies, runConversations } from './conversationLoad';
import { userMessages, type Messages } from './userMessages';
import { positiveInteger, readOptions } from './options';
import { connectRedis, createRedisClient } from '../src/state/redisClient';
import { RedisServer } from '../test/helpers/redis';
import { metricValue } from './soakRun';

const HELD = 'bot_memory_entries{store="conversations"}';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes and objects per kind: an object's constructor name, or "(string)", "(closure)", "(code)" and so on. */
type HeapSummary = Map<string, { count: number; bytes: number }>;

async function heapSummary(): Promise<HeapSummary> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const heap = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeNames] = heap.snapshot.meta.node_types;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const summary: HeapSummary = new Map();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = typeNames[heap.nodes[i + typeAt]!]!;
    const kind = type === 'object' ? heap.strings[heap.nodes[i + nameAt]!]! : `(${type})`;
    const entry = summary.get(kind) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += heap.nodes[i + sizeAt]!;
    summary.set(kind, entry);
  }
  return summary;
}

async function redisUsedMemory(redis: ReturnType<typeof createRedisClient>): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

function collectGarbage(): void {
  if (!global.gc) throw new Error('run with node --expose-gc (npm run heapdiff does)');
  global.gc();
  global.gc();
}

/**
 * Widget conversations through the local Direct Line, as Web Chat holds them: a token, the start (welcome),
 * `turns` messages each followed by a read of the log. Returns the failures.
 */
async function widgetConversations(target: string, count: number, turns: number, messages: Messages) {
  let next = 0;
  let errors = 0;
  const one = async (n: number) => {
    const grant = (await (await fetch(`${target}/api/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${target}/v3/directline${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.arrayBuffer();
      if (response.status >= 300) errors++;
    };
    await call('POST', '/conversations', { locale: ['de-CH', 'fr-CH', 'it-CH'][n % 3] });
    for (let t = 0; t < turns; t++) {
      const { text } = messages();
      await call('POST', `/conversations/${grant.conversationId}/activities`, { type: 'message', text });
      await call('GET', `/conversations/${grant.conversationId}/activities?watermark=`);
    }
  };
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return { turns: count * turns, errors, errorSamples: [] as string[] };
}

/**
 * npm run heapdiff -- [--conversations 1000] [--turns 10] [--widget]
 * With --widget the conversations go through the website widget's local Direct Line (its log, token and
 * per-client counters included) instead of /api/messages. With --redis the state and the Direct Line live in
 * a private redis-server (its used_memory per conversation is printed too). In memory, after the measure the
 * clock is moved past the widget's idle hour: the heap once the expired conversations are forgotten.
 * The bot as the server wires it (in memory, sandbox backend), in this process: after a warm-up, a heap
 * snapshot; then that many conversations on loopback (10 at once); garbage collected; a second snapshot.
 * Prints what the conversations left behind, by constructor, in bytes per conversation.
 */
runCli(async (argv) => {
  const widget = argv.includes('--widget');
  const inRedis = argv.includes('--redis');
  const options = readOptions(
    argv.filter((arg) => arg !== '--widget' && arg !== '--redis'),
    ['conversations', 'turns'],
  );
  const redisServer = inRedis ? await RedisServer.start() : undefined;
  const redis = redisServer && createRedisClient(redisServer.url);
  if (redis) await connectRedis(redis);
  const clock = { offsetMs: 0 };
  const conversations = positiveInteger('conversations', options.get('conversations') ?? '1000');
  const turns = positiveInteger('turns', options.get('turns') ?? '10');
  const config = loadConfig({
    ...process.env,
    SANDBOX_PORT: '0',
    MESSAGES_PER_MINUTE: '1000',
    DIRECT_LINE_CONVERSATIONS_PER_MINUTE: '10000',
    DIRECT_LINE_REQUESTS_PER_MINUTE: '100000',
    ...(redisServer && {
      REDIS_URL: redisServer.url,
      STATE_SECRET: 'heapdiff-state-secret-of-32-characters',
    }),
  });
  const logger = createLogger({ level: 'warn' });
  const app = await createApplication(config, {
    sandboxLog: () => undefined,
    logger,
    now: () => Date.now() + clock.offsetMs,
  });
  const server = createHttpServer({
    adapter: createAdapter(config, app.services.translator, logger),
    bot: app.bot,
    downloads: app.downloads,
    translator: app.services.translator,
    localChannels: [await benchChannelUrl()],
    ...(widget && { widget: { config, log: () => undefined, directLine: app.localDirectLine } }),
  });
  // No idle timeout: the load driver's pooled connections survive the pause of a heap snapshot.
  server.server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const messages = userMessages();
  const isFailure = botApologies();
  const load = (count: number) =>
    widget
      ? widgetConversations(target, count, turns, messages)
      : runConversations({
          target,
          concurrency: 10,
          turnsPerConversation: turns,
          conversations: count,
          durationMs: Infinity,
          messages,
          isFailure,
        });
  try {
    await load(100); // warm-up: code compiled, clients and caches made
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const redisBefore = redis && (await redisUsedMemory(redis));
    const before = await heapSummary();
    const result = await load(conversations);
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    const after = await heapSummary();

    const perConversation = (bytes: number) => Math.round(bytes / conversations);
    console.log(
      `${conversations} conversations × ${turns} turns: ${result.turns} turns, ${result.errors} errors, ` +
        `conversation states held: ${metricValue(await app.metrics.registry.metrics(), HELD)}`,
    );
    console.log(
      `heap used after GC: ${(heapBefore / 1e6).toFixed(1)} MB → ${(heapAfter / 1e6).toFixed(1)} MB, ` +
        `${perConversation(heapAfter - heapBefore)} bytes per conversation`,
    );
    if (redis) {
      const used = (await redisUsedMemory(redis)) - redisBefore!;
      const widgetState = await redis.keys('bot:state:directline/*');
      const ttls = await Promise.all(widgetState.map((key) => redis.pttl(key)));
      console.log(
        `redis used_memory: +${(used / 1e6).toFixed(1)} MB, ${perConversation(used)} bytes per conversation; ` +
          `widget states ${widgetState.length}, longest lifetime left ${Math.round(Math.max(0, ...ttls) / 60_000)} min`,
      );
    } else if (widget) {
      // Past the idle hour: any Direct Line call forgets the expired conversations, and their states with them.
      clock.offsetMs = 61 * 60_000;
      await fetch(`${target}/api/webchat/token`, { method: 'POST' });
      collectGarbage();
      console.log(
        `after the idle hour: heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB ` +
          `(${perConversation(process.memoryUsage().heapUsed - heapBefore)} bytes per conversation left), ` +
          `conversation states held: ${metricValue(await app.metrics.registry.metrics(), HELD)}`,
      );
    }
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    const rows = [...after]
      .map(([kind, a]) => {
        const b = before.get(kind) ?? { count: 0, bytes: 0 };
        return { kind, count: a.count - b.count, bytes: a.bytes - b.bytes };
      })
      .sort((x, y) => y.bytes - x.bytes)
      .slice(0, 15);
    console.log('\n| retained by | objects | bytes | bytes per conversation |\n| --- | --- | --- | --- |');
    for (const r of rows)
      console.log(`| ${r.kind} | ${r.count} | ${r.bytes} | ${perConversation(r.bytes)} |`);
    return result.errors === 0 ? 0 : 1;
  } finally {
    server.close();
    await app.close();
    redis?.disconnect();
    await redisServer?.dispose();
  }
});
