import type { ExpiringStore } from '../../security/expiringStore';
import { DirectLineError } from './conversations';

/** What one client (address) may ask of the local Direct Line per minute. */
export interface ClientRates {
  conversationsPerMinute: number;
  requestsPerMinute: number;
}

const MINUTE_MS = 60_000;

/**
 * Per-client budgets of the local Direct Line, counted in the shared store (so they hold across instances
 * with REDIS_URL), under a keyed hash of the address: one client's flood gets 429 while everybody else
 * still gets a conversation.
 */
export class ClientLimits {
  constructor(
    private readonly store: ExpiringStore,
    private readonly hash: (address: string) => string,
    private readonly rates: ClientRates,
  ) {}

  /** Any Direct Line call (polling included). */
  async request(address: string): Promise<void> {
    await this.spend(`dl-requests:${this.hash(address)}`, this.rates.requestsPerMinute);
  }

  /** A new conversation (a token from /api/webchat/token). */
  async newConversation(address: string): Promise<void> {
    await this.spend(`dl-conversations:${this.hash(address)}`, this.rates.conversationsPerMinute);
  }

  private async spend(key: string, perMinute: number): Promise<void> {
    if ((await this.store.increment(key, MINUTE_MS)) > perMinute) {
      const seconds = Math.max(1, Math.ceil((await this.store.ttl(key)) / 1000));
      throw new DirectLineError(429, 'TooManyRequests', 'Too many requests; please wait a minute.', seconds);
    }
  }
}
