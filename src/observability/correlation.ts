import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

const current = new AsyncLocalStorage<string>();

/** A new id for one turn or request: short, random, safe to log. */
export function newCorrelationId(): string {
  return randomBytes(8).toString('hex');
}

/** Runs `work` with `id` as the correlation id of every log line written during it (across awaits). */
export function withCorrelationId<T>(id: string, work: () => Promise<T>): Promise<T> {
  return current.run(id, work);
}

export function correlationId(): string | undefined {
  return current.getStore();
}
