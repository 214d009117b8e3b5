import { createLogger, type Logger, type LogLevel } from '../../src/observability/logger';

/** A logger whose JSON lines the test reads: `lines` as written, `entries` parsed. */
export function captureLogs(level: LogLevel = 'debug'): {
  logger: Logger;
  lines: string[];
  entries: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const logger = createLogger({ level, sink: (line) => lines.push(line) });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
