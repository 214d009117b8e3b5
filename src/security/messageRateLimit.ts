import type { ExpiringStore } from './expiringStore';
import type { SecretBox } from './secretBox';

/**
 * Messages per conversation per minute, counted in the shared store so the limit holds whichever
 * instance a message reaches. A fixed one-minute window started by the first message.
 */
export class MessageRateLimit {
  constructor(
    private readonly store: ExpiringStore,
    private readonly box: SecretBox,
    private readonly perMinute: number,
  ) {}

  /** Counts one message; false once the conversation has sent more than the limit this minute. */
  async allow(conversationId: string): Promise<boolean> {
    const count = await this.store.increment(`rate:${this.box.key('rate', conversationId)}`, 60_000);
    return count <= this.perMinute;
  }
}
