/** Fields an operator filters log lines by (file, entry, error, …), beside the readable message. */
export type LogFields = Record<string, unknown>;

/**
 * What a module needs to tell the operator something, without depending on the logging library: the bot's
 * structured logger (src/observability/logger.ts) is one, and tests pass their own.
 */
export interface OperatorLog {
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}
