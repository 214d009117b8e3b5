import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExpiringStore } from '../security/expiringStore';

export class ConversationBusyError extends Error {
  constructor() {
    super('another turn of this conversation is still running');
    this.name = 'ConversationBusyError';
  }
}

export interface ConversationLockOptions {
  /**
   * The lock is a lease of this long, renewed while the turn runs: should its holder die, or lose the store
   * mid-turn so that its release fails, the lock frees itself this long after the last renewal.
   */
  holdMs?: number;
  /** How long a turn waits for the one before it. */
  waitMs?: number;
}

/**
 * Runs the turns of one conversation one after the other, across instances: a lock in the shared store
 * (set-if-absent with a short expiry that the holder renews, released only by its holder). The lease is
 * shorter than a turn's wait, so a lock left behind by a store outage never turns the next message away. Without it, two turns arriving together
 * would both read the same state and the later save would erase the earlier one's changes, because
 * botbuilder's BotState saves with eTag "*" (last writer wins).
 */
export class ConversationLock {
  private readonly holdMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly store: ExpiringStore,
    options: ConversationLockOptions = {},
  ) {
    this.holdMs = options.holdMs ?? 5_000;
    this.waitMs = options.waitMs ?? 15_000;
  }

  async run<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
    const key = `turn:${lockKey}`;
    const holder = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (
      let pause = 5;
      !(await this.store.setIfAbsent(key, holder, this.holdMs));
      pause = Math.min(pause * 2, 100)
    ) {
      if (Date.now() >= deadline) throw new ConversationBusyError();
      await sleep(pause);
    }
    const renewal = setInterval(
      () => void this.store.expireIfEquals(key, holder, this.holdMs).catch(() => undefined),
      this.holdMs / 3,
    );
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      // The turn's outcome stands even if the store fails now: an unreleased lock expires by itself.
      await this.store.deleteIfEquals(key, holder).catch(() => undefined);
    }
  }
}
