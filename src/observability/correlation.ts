import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

const current = new AsyncLocalStorage<string>();

const ID_BYTES = 8;
// randomBytes is a system call: ids are cut from a batch of random bytes, as crypto.randomUUID does.
const BATCH_IDS = 128;
let batch = Buffer.alloc(0);
let used = 0;

/** A new id for one turn or request: short, random, safe to log. */
export function newCorrelationId(): string {
  if (used + ID_BYTES > batch.length) {
    batch = randomBytes(ID_BYTES * BATCH_IDS);
    used = 0;
  }
  used += ID_BYTES;
  return batch.toString('hex', used - ID_BYTES, used);
}

/** Runs `work` with `id` as the correlation id of every log line written during it (across awaits). */
export function withCorrelationId<T>(id: string, work: () => Promise<T>): Promise<T> {
  return current.run(id, work);
}

export function correlationId(): string | undefined {
  return current.getStore();
}
