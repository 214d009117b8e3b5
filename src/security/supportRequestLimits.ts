import type { ContractNumber } from './contractNumber';
import type { ExpiringStore } from './expiringStore';
import type { SecretBox } from './secretBox';

/** How many support requests go to the web support, per conversation and per contract number. */
export const SUPPORT_REQUEST_LIMITS = {
  perConversation: { max: 1, windowMs: 10 * 60_000 },
  perContract: { max: 3, windowMs: 24 * 60 * 60_000 },
} as const;

/** Why a request may not be sent now, and for how long. */
export type SupportRequestWait = { reason: 'conversation' | 'contract'; waitMs: number };

/**
 * The limits on support requests, counted in the shared store like the code budgets (keyed hashes, expiring
 * counters), so they hold across instances. Checked when a request begins, so nobody fills in a request that
 * cannot be sent, and counted when it is sent.
 */
export class SupportRequestLimits {
  constructor(
    private readonly store: ExpiringStore,
    private readonly box: SecretBox,
  ) {}

  private budgets(conversationId: string, contract?: ContractNumber) {
    const { perConversation, perContract } = SUPPORT_REQUEST_LIMITS;
    return [
      {
        key: `support:c:${this.box.key('support-c', conversationId)}`,
        ...perConversation,
        reason: 'conversation',
      } as const,
      ...(contract
        ? [
            {
              key: `support:k:${this.box.key('support-k', contract)}`,
              ...perContract,
              reason: 'contract',
            } as const,
          ]
        : []),
    ];
  }

  /** The first limit reached, without counting; undefined when a request may be sent. */
  async wait(conversationId: string, contract?: ContractNumber): Promise<SupportRequestWait | undefined> {
    for (const budget of this.budgets(conversationId, contract)) {
      const count = Number((await this.store.get(budget.key)) ?? 0);
      if (count >= budget.max) return { reason: budget.reason, waitMs: await this.store.ttl(budget.key) };
    }
    return undefined;
  }

  /**
   * Counts a request about to be sent. Incremented first and decided on the count returned (atomic in the
   * store): two requests sent at once from one conversation cannot both pass.
   */
  async take(conversationId: string, contract?: ContractNumber): Promise<SupportRequestWait | undefined> {
    for (const budget of this.budgets(conversationId, contract)) {
      if ((await this.store.increment(budget.key, budget.windowMs)) > budget.max)
        return { reason: budget.reason, waitMs: await this.store.ttl(budget.key) };
    }
    return undefined;
  }
}
