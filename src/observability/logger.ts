import pino, { type Logger } from 'pino';
import { maskPii } from '../security/pii';
import { correlationId } from './correlation';

export type { Logger };

/** Where log lines go: stdout by default; tests pass their own to read the lines. */
export type LogSink = (line: string) => void;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
}

const REDACTED = '[redacted]';

/** Fields whose whole value is personal data or a credential, wherever they appear (two levels deep). */
const SENSITIVE_KEYS = [
  'contract',
  'contractNumber',
  'phone',
  'email',
  'code',
  'otp',
  'token',
  'accessToken',
  'password',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
];
const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** Our own fields: scanning them would only mangle ids that happen to contain digits. */
const TRUSTED_KEYS = new Set(['correlationId', 'level', 'time', 'durationMs']);

/** Masks personal data and credentials in every string of a log entry, error messages and stacks included. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskPii(value.message), stack: maskPii(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, TRUSTED_KEYS.has(key) ? item : scrub(item, depth + 1)]),
  );
}

/**
 * Structured JSON logs (pino). Personal data never reaches a line: sensitive fields are redacted by name,
 * and every string (the message, error messages, nested values) is scanned for contract numbers, phone
 * numbers, e-mail addresses, codes and tokens. Lines written during a turn carry its correlation id.
 */
export function createLogger({ level = 'info', sink }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'portal-help-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (entry) => scrub(entry) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: () => {
        const id = correlationId();
        return id ? { correlationId: id } : {};
      },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // An Error as the only argument: keep its masked message as the line's message.
          if (first instanceof Error && rest.length === 0) {
            return method.apply(this, [{ err: first }, maskPii(first.message)] as Parameters<typeof method>);
          }
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? maskPii(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    sink ? { write: sink } : pino.destination({ dest: 1, sync: true }),
  );
}
