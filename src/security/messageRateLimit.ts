import type { ExpiringStore } from './expiringStore';
import type { SecretBox } from './secretBox';

/** Conversations whose key is kept: more than are active at once on one instance. */
const RECENT_KEYS = 10_000;

/**
 * Messages per conversation per minute, counted in the shared store so the limit holds whichever
 * instance a message reaches. A fixed one-minute window started by the first message.
 */
export class MessageRateLimit {
  /** The store key of recent conversations (a keyed hash each, made once per conversation, not per message). */
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly store: ExpiringStore,
    private readonly box: SecretBox,
    private readonly perMinute: number,
  ) {}

  /** Counts one message; false once the conversation has sent more than the limit this minute. */
  async allow(conversationId: string): Promise<boolean> {
    const count = await this.store.increment(this.keyOf(conversationId), 60_000);
    return count <= this.perMinute;
  }

  private keyOf(conversationId: string): string {
    let key = this.keys.get(conversationId);
    if (key === undefined) {
      key = `rate:${this.box.key('rate', conversationId)}`;
      // Bounded: the oldest goes first (its next message hashes its key again).
      if (this.keys.size >= RECENT_KEYS) this.keys.delete(this.keys.keys().next().value!);
      this.keys.set(conversationId, key);
    }
    return key;
  }
}
