import type { ContractNumber } from './contractNumber';
import type { ExpiringStore } from './expiringStore';
import type { SecretBox } from './secretBox';

/** The rules of identity verification, enforced by the bot whatever the backend does. */
export const VERIFICATION_RULES = {
  maxWrongCodes: 3,
  lockoutMs: 15 * 60_000,
  codeLifetimeMs: 5 * 60_000,
  sessionIdleMs: 10 * 60_000,
  /** Codes (login codes and verification codes by SMS or e-mail) sent to one contract number per hour. */
  codeRequestsPerHour: 5,
  /** Codes checked against the backend, whoever asks: per conversation, per user and in total. */
  codeChecks: {
    perConversation: { max: 6, windowMs: 60 * 60_000 },
    perUser: { max: 10, windowMs: 60 * 60_000 },
    total: { max: 300, windowMs: 10 * 60_000 },
  },
} as const;

export type WrongCodeResult = { locked: true } | { locked: false; attemptsLeft: number };

/** Who checks a code: the conversation and the user as the channel names them (hashed before storing). */
export interface CodeChecker {
  conversationId: string;
  userId: string;
}

/**
 * Whether a code may go to the backend. `wait`: this conversation or user checked too many codes;
 * `busy`: too many codes are being checked in total. Both say how long until the budget frees up.
 */
export type CodeCheck =
  | { allowed: true; attempt: number }
  | { allowed: false; reason: 'locked' }
  | { allowed: false; reason: 'wait' | 'busy'; waitMs: number };

/**
 * Lockout and single use, per contract number and across conversations and instances: the state lives in
 * the shared ExpiringStore under keyed hashes, so neither a new conversation nor another instance escapes it.
 */
export class IdentityGuard {
  constructor(
    private readonly store: ExpiringStore,
    private readonly box: SecretBox,
    /** Told of every lockout (metrics). */
    private readonly onLockout: () => void = () => undefined,
  ) {}

  private lockKey(contract: ContractNumber): string {
    return `lock:${this.box.key('lock', contract)}`;
  }

  private failuresKey(contract: ContractNumber): string {
    return `fail:${this.box.key('fail', contract)}`;
  }

  private usedKey(contract: ContractNumber, code: string): string {
    return `used:${this.box.key('used', contract, code)}`;
  }

  /** Milliseconds the contract number stays locked; 0 if it is not. */
  async lockedForMs(contract: ContractNumber): Promise<number> {
    return this.store.ttl(this.lockKey(contract));
  }

  /**
   * Call before a code goes to the backend. Every counter is incremented first and the decision taken on
   * the count returned (atomic in the store), so parallel guesses for one number cannot all pass a check
   * made before any of them was counted: at most `maxWrongCodes` checks per number reach the backend until
   * one succeeds.
   */
  async beginCodeCheck(contract: ContractNumber, checker: CodeChecker): Promise<CodeCheck> {
    if (await this.lockedForMs(contract)) return { allowed: false, reason: 'locked' };
    const { perConversation, perUser, total } = VERIFICATION_RULES.codeChecks;
    const budgets = [
      {
        key: `checks:c:${this.box.key('checks-c', checker.conversationId)}`,
        ...perConversation,
        reason: 'wait',
      },
      { key: `checks:u:${this.box.key('checks-u', checker.userId)}`, ...perUser, reason: 'wait' },
      { key: 'checks:total', ...total, reason: 'busy' },
    ] as const;
    for (const budget of budgets) {
      if ((await this.store.increment(budget.key, budget.windowMs)) > budget.max) {
        return { allowed: false, reason: budget.reason, waitMs: await this.store.ttl(budget.key) };
      }
    }
    const attempts = await this.store.increment(this.failuresKey(contract), VERIFICATION_RULES.lockoutMs);
    if (attempts > VERIFICATION_RULES.maxWrongCodes) return { allowed: false, reason: 'locked' };
    return { allowed: true, attempt: attempts };
  }

  /** After the backend refused the code of `attempt` (from beginCodeCheck): locks at the last attempt. */
  async recordWrongCode(contract: ContractNumber, attempt: number): Promise<WrongCodeResult> {
    if (attempt < VERIFICATION_RULES.maxWrongCodes) {
      return { locked: false, attemptsLeft: VERIFICATION_RULES.maxWrongCodes - attempt };
    }
    await this.lock(contract);
    return { locked: true };
  }

  async lock(contract: ContractNumber): Promise<void> {
    await this.store.set(this.lockKey(contract), '1', VERIFICATION_RULES.lockoutMs);
    await this.store.delete(this.failuresKey(contract));
    this.onLockout();
  }

  /** Counts a code about to be sent (login or verification code); false once the hourly limit is reached. */
  async allowCodeRequest(contract: ContractNumber): Promise<boolean> {
    const key = `codes:${this.box.key('codes', contract)}`;
    return (await this.store.increment(key, 60 * 60_000)) <= VERIFICATION_RULES.codeRequestsPerHour;
  }

  /** A code that was accepted once is never accepted again (also a TOTP code within its window). */
  async wasUsed(contract: ContractNumber, code: string): Promise<boolean> {
    return (await this.store.get(this.usedKey(contract, code))) !== undefined;
  }

  /** Records a successful verification: the code is spent and the wrong-code count starts over. */
  async recordSuccess(contract: ContractNumber, code: string): Promise<void> {
    await this.store.set(this.usedKey(contract, code), '1', VERIFICATION_RULES.codeLifetimeMs);
    await this.store.delete(this.failuresKey(contract));
  }
}
