import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from './faq/language';
import { DEFAULT_THRESHOLDS } from './faq/matcher';

const PROJECT_ROOT = path.resolve(__dirname, '..');

const score = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

/** Everything configurable comes from the environment and is checked here, once, at start-up. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('de'),
  FAQ_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'faq')),
  LOCALES_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'locales')),
  MATCH_ANSWER_THRESHOLD: score(DEFAULT_THRESHOLDS.answer),
  MATCH_MARGIN: score(DEFAULT_THRESHOLDS.margin),
  MATCH_AMBIGUOUS_THRESHOLD: score(DEFAULT_THRESHOLDS.ambiguous),
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
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;

/** The backend settings must come together: a URL without a key is a mistake, not a sandbox. */
const refinedSchema = configSchema.superRefine((config, ctx) => {
  if (config.BACKEND_URL && !config.BACKEND_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['BACKEND_API_KEY'],
      message: 'is required when BACKEND_URL is set',
    });
  }
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Names of settings that are secrets: their value never appears in a message. */
const SECRET_KEYS = new Set(['MicrosoftAppPassword', 'BACKEND_API_KEY', 'STATE_SECRET']);

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
