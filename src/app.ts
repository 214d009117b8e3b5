import type { Storage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { BackendClient } from './backend';
import { HelpBot } from './bot/helpBot';
import { ExpiringMemoryStorage } from './bot/storage/expiringMemoryStorage';
import { OptimisticConversationState } from './bot/storage/optimisticConversationState';
import { RedisStorage } from './bot/storage/redisStorage';
import { dropWidgetState, stateLifetime } from './bot/storage/stateLifetime';
import { TurnGuard } from './bot/turnGuard';
import { conversationTtlMs, thresholdsOf, type Config } from './config';
import type { BotServices } from './dialogs/services';
import { instrumentBackend } from './observability/instrumentedBackend';
import { createLogger, type Logger } from './observability/logger';
import { BotMetrics } from './observability/metrics';
import { startSandbox, SANDBOX_API_KEY, type Sandbox } from './sandbox/server';
import { MemoryExpiringStore, type ExpiringStore } from './security/expiringStore';
import { SecretBox } from './security/secretBox';
import { MessageRateLimit } from './security/messageRateLimit';
import { DownloadLinks } from './server/downloadLinks';
import type { LocalDirectLine } from './server/directLine/localDirectLine';
import { createLocalDirectLine } from './server/directLine/setup';
import { backendReachable, Readiness } from './server/readiness';
import { ConversationLock } from './state/conversationLock';
import { connectRedis, createRedisClient } from './state/redisClient';
import { RedisExpiringStore } from './state/redisExpiringStore';
import { FaqWatcher } from './faq/watcher';
import { PhrasesWatcher } from './nlu/phrasesWatcher';
import { InsightRecorder } from './insights/recorder';
import { InsightRetention } from './insights/retention';
import type { InsightStore } from './insights/store';
import { insightSourceFor } from './insights/storeFor';
import { createActionServices, createBotServices, stateSecret } from './services';

export interface Application {
  services: BotServices;
  bot: HelpBot;
  downloads: DownloadLinks;
  /** Where the backend is: the configured one, or the sandbox started beside the bot. */
  backendUrl: string;
  logger: Logger;
  metrics: BotMetrics;
  readiness: Readiness;
  /** The widget's local Direct Line state: in Redis with REDIS_URL (any instance serves any conversation). */
  localDirectLine: LocalDirectLine;
  /** Waits for the turns in progress, then closes everything (Redis included). */
  close(): Promise<void>;
}

export interface ApplicationOptions {
  /**
   * The sandbox backend's own lines (without BACKEND_URL). Its outbox shows the demo codes in clear on purpose:
   * it stands in for the SMS gateway. Everything else goes to `logger`.
   */
  sandboxLog: (line: string) => void;
  /** The bot's structured log; default: JSON lines on stdout at LOG_LEVEL. */
  logger?: Logger;
  storage?: Storage;
  store?: ExpiringStore;
  now?: () => number;
  /** Running as the server: content edits under FAQ_DIR are picked up live, and what users ask is recorded. */
  serving?: boolean;
  /** Where what users ask is recorded; when serving, by default the Redis stream with REDIS_URL, else INSIGHTS_FILE. */
  insights?: InsightStore;
}

/**
 * Wires the bot: content, UI strings, the backend (the sandbox when none is configured), storage and
 * download links. Used by the server, the terminal chat and the tests alike.
 */
export async function createApplication(config: Config, options: ApplicationOptions): Promise<Application> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const redis = config.REDIS_URL ? await connectShared(config.REDIS_URL, logger) : undefined;
  let sandbox: Sandbox | undefined;
  try {
    sandbox = config.BACKEND_URL
      ? undefined
      : await startSandbox({
          port: config.SANDBOX_PORT,
          log: (line) => options.sandboxLog(`[sandbox] ${line}`),
          // One clock for bot and sandbox, so tests can let codes expire.
          now: options.now && (() => new Date(options.now!())),
        });
    return assemble(config, options, { logger, redis, sandbox });
  } catch (error) {
    // Invalid content or locales: close what was already opened, so a failed start leaves nothing running.
    await sandbox?.close();
    await redis?.quit().catch(() => redis.disconnect());
    throw error;
  }
}

interface OpenResources {
  logger: Logger;
  redis?: Redis;
  sandbox?: Sandbox;
}

function assemble(
  config: Config,
  options: ApplicationOptions,
  { logger, redis, sandbox }: OpenResources,
): Application {
  const metrics = new BotMetrics();
  const store = options.store ?? (redis ? new RedisExpiringStore(redis) : memoryStore(metrics, options.now));
  const storage =
    options.storage ??
    (redis
      ? new RedisStorage(
          redis,
          localWidget(config) ? stateLifetime(conversationTtlMs(config)) : conversationTtlMs(config),
        )
      : memoryStorage(config, metrics, options.now));
  const backendUrl = config.BACKEND_URL ?? sandbox!.url;
  const backend = instrumentBackend(
    new BackendClient({
      baseUrl: backendUrl,
      apiKey: config.BACKEND_API_KEY ?? SANDBOX_API_KEY,
      timeoutMs: config.BACKEND_TIMEOUT_MS,
      maxRetries: config.BACKEND_MAX_RETRIES,
    }),
    metrics,
  );
  const box = new SecretBox(stateSecret(config));
  const downloads = new DownloadLinks(
    store,
    box,
    config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    config.DOWNLOAD_LINK_MINUTES,
  );
  const actions = createActionServices(config, {
    backend,
    store,
    links: downloads,
    box,
    now: options.now,
    onLockout: () => metrics.lockouts.inc(),
  });
  const faq = options.serving
    ? new FaqWatcher({ dir: config.FAQ_DIR, thresholds: thresholdsOf(config), log: logger })
    : undefined;
  const interpreter = options.serving ? new PhrasesWatcher({ dir: config.FAQ_DIR, log: logger }) : undefined;
  const insightStore =
    options.insights ?? (options.serving ? insightSourceFor(config, redis).store : undefined);
  const insights =
    insightStore &&
    new InsightRecorder(insightStore, logger, {
      now: options.now,
      onDropped: () => metrics.insightsDropped.inc(),
    });
  const retention = insights && new InsightRetention(insights, config.INSIGHTS_RETENTION_DAYS, options.now);
  const services: BotServices = {
    ...createBotServices(config, actions, { faq, interpreter, insights }),
    events: {
      faqOutcome: (lang, outcome) => metrics.faqOutcomes.inc({ lang, outcome }),
      supportRequest: (lang, reason) => metrics.supportRequests.inc({ reason, lang }),
    },
  };
  const guard = new TurnGuard({
    services,
    lock: new ConversationLock(store),
    rateLimit: new MessageRateLimit(store, actions.box, config.MESSAGES_PER_MINUTE),
    metrics,
    logger,
  });
  const bot = new HelpBot(services, new OptimisticConversationState(storage), guard);
  const readiness = new Readiness({
    storage: async () => (redis ? redisProblem(redis) : undefined),
    backend: backendReachable(backendUrl),
    content: async () =>
      services.faq.current().faq.entries.length > 0 ? undefined : 'no FAQ entries loaded',
  });
  const close = async () => {
    await guard.drain();
    faq?.close();
    interpreter?.close();
    retention?.stop();
    await insights?.flush();
    await sandbox?.close();
    await redis?.quit().catch(() => redis.disconnect());
  };
  const localDirectLine = createLocalDirectLine(config, {
    store,
    redis,
    box: actions.box,
    onForget: redis ? undefined : dropWidgetState(storage),
    now: options.now,
  });
  return { services, bot, downloads, backendUrl, logger, metrics, readiness, localDirectLine, close };
}

/** The widget talks to the bot through the local Direct Line (no Azure Bot Service, no Azure Direct Line). */
function localWidget(config: Config): boolean {
  return !config.MicrosoftAppId && !config.DIRECT_LINE_SECRET;
}

function memoryStore(metrics: BotMetrics, now?: () => number): MemoryExpiringStore {
  const store = new MemoryExpiringStore(now);
  metrics.countEntries('limits', () => store.liveCount());
  return store;
}

/** One instance's conversation state: expires like the Redis one, and capped. */
function memoryStorage(config: Config, metrics: BotMetrics, now?: () => number): ExpiringMemoryStorage {
  const storage = new ExpiringMemoryStorage({
    ttlMs: conversationTtlMs(config),
    maxItems: config.CONVERSATIONS_IN_MEMORY_MAX,
    now,
  });
  metrics.countEntries('conversations', () => storage.liveCount());
  return storage;
}

/** The Redis client of the shared state; start-up goes on without it, and /readyz says why until it is back. */
async function connectShared(url: string, logger: Logger): Promise<Redis> {
  const redis = createRedisClient(url, {
    onStatusChange: (status, detail) =>
      status === 'connected'
        ? logger.info('shared state (Redis) connected')
        : logger.error({ detail }, 'shared state (Redis) connection lost; reconnecting'),
  });
  if (!(await connectRedis(redis))) logger.error('shared state (Redis) not reachable yet; reconnecting');
  return redis;
}

async function redisProblem(redis: Redis): Promise<string | undefined> {
  try {
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis unreachable: ${(error as Error).message}`;
  }
}
