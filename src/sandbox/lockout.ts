// Wrong-code counting per contract number, across challenges (known and unknown numbers alike).
export const MAX_WRONG_CODES = 3;
export const LOCK_MS = 15 * 60 * 1000;

export type FailureOutcome =
  { locked: true; retryAfterSeconds: number } | { locked: false; attemptsRemaining: number };

export class LockoutBook {
  private readonly failures = new Map<string, number>();
  private readonly lockedUntil = new Map<string, number>();

  /** Seconds until the lock ends, or undefined when not locked. */
  lockedFor(contractNumber: string, nowMs: number): number | undefined {
    const until = this.lockedUntil.get(contractNumber);
    if (until === undefined) return undefined;
    if (nowMs < until) return Math.ceil((until - nowMs) / 1000);
    this.lockedUntil.delete(contractNumber);
    return undefined;
  }

  recordFailure(contractNumber: string, nowMs: number): FailureOutcome {
    const count = (this.failures.get(contractNumber) ?? 0) + 1;
    if (count < MAX_WRONG_CODES) {
      this.failures.set(contractNumber, count);
      return { locked: false, attemptsRemaining: MAX_WRONG_CODES - count };
    }
    this.failures.delete(contractNumber);
    this.lockedUntil.set(contractNumber, nowMs + LOCK_MS);
    return { locked: true, retryAfterSeconds: LOCK_MS / 1000 };
  }

  reset(contractNumber: string): void {
    this.failures.delete(contractNumber);
  }
}
