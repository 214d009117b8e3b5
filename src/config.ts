import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from './language';
import type { Thresholds } from './faq/matcher';
import { LOG_LEVELS } from './observability/logger';

const PROJECT_ROOT = path.resolve(__dirname, '..');

const score = () => z.coerce.number().min(0).max(1).optional();

/** Everything configurable comes from the environment and is checked here, once, at start-up. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Interface to listen on; default 127.0.0.1 in local mode (no MicrosoftAppId), all interfaces with it. */
  HOST: z.string().min(1).optional(),
  /** Reverse proxies in front of the bot whose X-Forwarded-For is believed (0: the header is ignored). */
  TRUST_PROXY: z.coerce.number().int('must be a whole number of proxies').min(0).max(10).default(0),
  /** GET /metrics needs `Authorization: Bearer METRICS_TOKEN`; unset: loopback callers only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Local mode: the channels on this machine that /api/messages may reply to, comma-separated origins (the Bot
   * Framework Emulator's address from its log, e.g. http://localhost:52885). Any other serviceUrl: 403,
   * nothing sent. With MicrosoftAppId the signed token vouches for the serviceUrl instead.
   */
  LOCAL_CHANNEL_URLS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(isLocalChannelUrl, {
            message: 'must be an http(s) URL on this machine (localhost, 127.x or [::1])',
          })
          .transform((url) => new URL(url).origin),
      ),
    ),
  /** Per client address: new local Direct Line conversations (widget tokens) and Direct Line calls a minute. */
  DIRECT_LINE_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  DIRECT_LINE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(300),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('de'),
  FAQ_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'faq')),
  LOCALES_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'locales')),
  /** Matcher thresholds for every language; unset, each language keeps its calibrated ones. */
  MATCH_ANSWER_THRESHOLD: score(),
  MATCH_MARGIN: score(),
  MATCH_AMBIGUOUS_THRESHOLD: score(),
  BRAND_NAME_DE: z.string().min(1).default('KPT'),
  BRAND_NAME_FR: z.string().min(1).default('CPT'),
  BRAND_NAME_IT: z.string().min(1).default('CPT'),
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(100_000).default(2000),
  /** Where users' browsers reach this server: the base of download links. Default: http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** The insurer's backend; without it `npm start` runs the sandbox backend beside the bot. */
  BACKEND_URL: z.url().optional(),
  BACKEND_API_KEY: z.string().optional(),
  BACKEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  BACKEND_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3979),
  /** Keys the hashes and the encryption of personal data in storage. Required with several instances. */
  STATE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Minutes a tax-certificate download link stays valid. */
  DOWNLOAD_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** Append-only JSONL file of unanswered questions and answer feedback, read by `faq -- report` (no REDIS_URL). */
  INSIGHTS_FILE: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'artifacts', 'insights.jsonl')),
  /** With REDIS_URL the records go to a Redis stream instead, capped at about this many (the oldest go first). */
  INSIGHTS_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(200_000),
  /** Records (file or stream) older than this many days are deleted: at start-up and every hour after. */
  INSIGHTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Azure Bot Service Direct Line secret: the widget then gets its tokens from Azure (exchanged server-side). */
  DIRECT_LINE_SECRET: z.string().min(1).optional(),
  /** The Direct Line region, e.g. https://europe.directline.botframework.com/v3/directline. */
  DIRECT_LINE_ENDPOINT: z.url().default('https://directline.botframework.com/v3/directline'),
  /** Origins (comma-separated) of the sites that embed the widget; the bot server's own origin always may. */
  WIDGET_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** The Teams app package (`npm run teams:package`): app id (a GUID of your choice), version and publisher. */
  TEAMS_APP_ID: z.uuid().optional(),
  TEAMS_APP_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0')
    .default('1.0.0'),
  TEAMS_DEVELOPER_NAME: z.string().min(1).max(32).default('KPT'),
  TEAMS_WEBSITE_URL: z.url().optional(),
  TEAMS_PRIVACY_URL: z.url().optional(),
  TEAMS_TERMS_URL: z.url().optional(),
  /** The Teams app icons (color.png 192×192, outline.png 32×32): designed assets, replaceable without a developer. */
  TEAMS_ICONS_DIR: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'teams', 'icons')),
  /** Shared state for several instances (redis:// or rediss://); unset = in memory, one instance. */
  REDIS_URL: z
    .url()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Hours an idle conversation's state is kept (in memory, or in Redis). */
  CONVERSATION_TTL_HOURS: z.coerce.number().min(1).max(720).default(24),
  /**
   * Test and soak runs only: minutes instead of CONVERSATION_TTL_HOURS, so that expiry shows within a run.
   * Never set it in production (a conversation would forget its user mid-flow).
   */
  CONVERSATION_TTL_MINUTES: z.coerce.number().min(0.01).max(1440).optional(),
  /** In-memory mode: conversations kept at most; beyond it the least recently active one is forgotten. */
  CONVERSATIONS_IN_MEMORY_MAX: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** Messages one conversation may send per minute; more get a polite "slow down". */
  MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;

/** The backend settings must come together: a URL without a key is a mistake, not a sandbox. */
const refinedSchema = configSchema.superRefine((config, ctx) => {
  // Every instance must hash and seal with the same key, or they cannot read each other's state.
  if (config.REDIS_URL && !config.STATE_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['STATE_SECRET'], message: 'is required when REDIS_URL is set' });
  }
  // The widget's Direct Line address must not come from the Host header a caller sends.
  if (config.HOST && !isLoopbackHost(config.HOST) && !config.PUBLIC_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message: `is required when HOST (${config.HOST}) lets other machines connect`,
    });
  }
  if (config.BACKEND_URL && !config.BACKEND_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['BACKEND_API_KEY'],
      message: 'is required when BACKEND_URL is set',
    });
  }
});

function isLocalChannelUrl(text: string): boolean {
  const url = URL.parse(text);
  return /^https?:$/.test(url?.protocol ?? '') && isLoopbackHost(url!.hostname.replace(/^\[|\]$/g, ''));
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** How long an idle conversation's state is kept: CONVERSATION_TTL_HOURS, or the test-only minutes. */
export function conversationTtlMs(config: Config): number {
  return config.CONVERSATION_TTL_MINUTES !== undefined
    ? config.CONVERSATION_TTL_MINUTES * 60_000
    : config.CONVERSATION_TTL_HOURS * 3_600_000;
}

/** Where the server listens: HOST, else loopback only in local mode (the Emulator's /api/messages). */
export function listenHost(config: Config): string {
  return config.HOST ?? (config.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Names of settings that are secrets: their value never appears in a message. */
const SECRET_KEYS = new Set([
  'MicrosoftAppPassword',
  'BACKEND_API_KEY',
  'STATE_SECRET',
  'DIRECT_LINE_SECRET',
  'METRICS_TOKEN',
  'REDIS_URL', // may carry a password
]);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most .env files.
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = refinedSchema.safeParse(defined);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      const value = SECRET_KEYS.has(key) ? '(secret)' : JSON.stringify(env[key]);
      return `${key}=${value}: ${issue.message}`;
    }),
  );
}

/** The matcher thresholds the configuration overrides; the others stay as calibrated per language. */
export function thresholdsOf(config: Config): Partial<Thresholds> {
  const overrides = {
    answer: config.MATCH_ANSWER_THRESHOLD,
    margin: config.MATCH_MARGIN,
    ambiguous: config.MATCH_AMBIGUOUS_THRESHOLD,
  };
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
}
