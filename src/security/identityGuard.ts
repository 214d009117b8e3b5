import type { ContractNumber } from './contractNumber';
import type { ExpiringStore } from './expiringStore';
import type { SecretBox } from './secretBox';

/** The rules of identity verification, enforced by the bot whatever the backend does. */
export const VERIFICATION_RULES = {
  maxWrongCodes: 3,
  lockoutMs: 15 * 60_000,
  codeLifetimeMs: 5 * 60_000,
  sessionIdleMs: 10 * 60_000,
  /** Extra login codes one contract number may request through the bot per hour. */
  codeRequestsPerHour: 5,
} as const;

export type WrongCodeResult = { locked: true } | { locked: false; attemptsLeft: number };

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

  async recordWrongCode(contract: ContractNumber): Promise<WrongCodeResult> {
    const failures = await this.store.increment(this.failuresKey(contract), VERIFICATION_RULES.lockoutMs);
    if (failures < VERIFICATION_RULES.maxWrongCodes) {
      return { locked: false, attemptsLeft: VERIFICATION_RULES.maxWrongCodes - failures };
    }
    await this.lock(contract);
    return { locked: true };
  }

  async lock(contract: ContractNumber): Promise<void> {
    await this.store.set(this.lockKey(contract), '1', VERIFICATION_RULES.lockoutMs);
    await this.store.delete(this.failuresKey(contract));
    this.onLockout();
  }

  /** Counts a request for an extra login code; false once the hourly limit is reached. */
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
