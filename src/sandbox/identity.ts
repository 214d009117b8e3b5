// Identity challenges: issue (send a code, expect a TOTP code, or a decoy), verify, lock out.
import { randomBytes } from 'node:crypto';
import type { AccessGrantWire, Channel, ChallengeWire } from '../backend/schemas';
import type { AccessTokens } from './accessTokens';
import { findCustomer } from './customers';
import type { LockoutBook } from './lockout';
import { destinationFor, type DecoyMasks } from './masking';
import { codeMatches, hashCode, newCode } from './oneTimeCodes';
import { deliver, type Log } from './outbox';
import type { SendLimiter } from './sendLimiter';
import { matchTotp } from './totp';

export const CODE_TTL_MS = 5 * 60 * 1000;
// Long enough to answer 410 rather than 404 for a while, short enough to bound memory.
const RETENTION_MS = 60 * 60 * 1000;

type Verifier = { type: 'code'; hash: Buffer } | { type: 'totp'; secret: string } | { type: 'decoy' };

interface StoredChallenge {
  contractNumber: string;
  expiresAtMs: number;
  used: boolean;
  verifier: Verifier;
}

type Refusal = { type: 'locked' | 'rate-limited'; retryAfterSeconds: number };
export type CreateOutcome = { type: 'created'; challenge: ChallengeWire } | Refusal;
export type VerifyOutcome =
  | { type: 'verified'; grant: AccessGrantWire }
  | { type: 'locked'; retryAfterSeconds: number }
  | { type: 'invalid'; attemptsRemaining: number }
  | { type: 'not-found' | 'used' | 'expired' };

export interface IdentityDeps {
  log: Log;
  lockout: LockoutBook;
  limiter: SendLimiter;
  decoys: DecoyMasks;
  tokens: AccessTokens;
}

export class IdentityService {
  private readonly challenges = new Map<string, StoredChallenge>();
  private readonly lastTotpStep = new Map<string, number>();

  constructor(private readonly deps: IdentityDeps) {}

  create(contractNumber: string, channel: Channel, nowMs: number): CreateOutcome {
    const locked = this.deps.lockout.lockedFor(contractNumber, nowMs);
    if (locked !== undefined) return { type: 'locked', retryAfterSeconds: locked };
    // An authenticator code is not sent, so it costs nothing to limit (docs/security.md).
    const wait = channel === 'totp' ? undefined : this.deps.limiter.take(contractNumber, nowMs);
    if (wait !== undefined) return { type: 'rate-limited', retryAfterSeconds: wait };
    this.purge(nowMs);

    const challengeId = randomBytes(18).toString('base64url');
    const expiresAtMs = nowMs + CODE_TTL_MS;
    const { verifier, maskedDestination } = this.prepare(contractNumber, channel);
    this.challenges.set(challengeId, { contractNumber, expiresAtMs, used: false, verifier });
    const challenge: ChallengeWire = { challengeId, channel, expiresAt: new Date(expiresAtMs).toISOString() };
    return {
      type: 'created',
      challenge: maskedDestination === undefined ? challenge : { ...challenge, maskedDestination },
    };
  }

  verify(challengeId: string, code: string, nowMs: number): VerifyOutcome {
    const challenge = this.challenges.get(challengeId);
    if (challenge === undefined) return { type: 'not-found' };
    const { contractNumber } = challenge;
    const locked = this.deps.lockout.lockedFor(contractNumber, nowMs);
    if (locked !== undefined) return { type: 'locked', retryAfterSeconds: locked };
    if (challenge.used) return { type: 'used' };
    if (nowMs >= challenge.expiresAtMs) return { type: 'expired' };

    const check = this.check(challenge, code, nowMs);
    if (check === 'replayed') return { type: 'used' };
    if (check === 'wrong') {
      const failure = this.deps.lockout.recordFailure(contractNumber, nowMs);
      return failure.locked
        ? { type: 'locked', retryAfterSeconds: failure.retryAfterSeconds }
        : { type: 'invalid', attemptsRemaining: failure.attemptsRemaining };
    }
    challenge.used = true;
    this.deps.lockout.reset(contractNumber);
    const { accessToken, expiresAtMs } = this.deps.tokens.issue(contractNumber, nowMs);
    return { type: 'verified', grant: { accessToken, expiresAt: new Date(expiresAtMs).toISOString() } };
  }

  private prepare(
    contractNumber: string,
    channel: Channel,
  ): { verifier: Verifier; maskedDestination?: string } {
    const customer = findCustomer(contractNumber);
    const { log, decoys } = this.deps;
    if (channel === 'totp') {
      if (customer?.totpSecret === undefined) {
        log(`[outbox] nothing to do: no authenticator enrolled (${contractNumber}), decoy challenge`);
        return { verifier: { type: 'decoy' } };
      }
      log(`[authenticator] TOTP challenge (${contractNumber}): use the code shown by the authenticator app`);
      return { verifier: { type: 'totp', secret: customer.totpSecret } };
    }
    const destination = destinationFor(customer, contractNumber, channel, decoys);
    if (destination.address === undefined) {
      log(`[outbox] nothing sent: no ${channel} contact on file (${contractNumber}), decoy challenge`);
      return { verifier: { type: 'decoy' }, maskedDestination: destination.masked };
    }
    const code = newCode();
    deliver(log, channel, destination.address, contractNumber, `KPT identity code ${code} (valid 5 minutes)`);
    return { verifier: { type: 'code', hash: hashCode(code) }, maskedDestination: destination.masked };
  }

  private check(challenge: StoredChallenge, code: string, nowMs: number): 'ok' | 'wrong' | 'replayed' {
    const { verifier, contractNumber } = challenge;
    if (verifier.type === 'decoy') return 'wrong';
    if (verifier.type === 'code') return codeMatches(code, verifier.hash) ? 'ok' : 'wrong';
    const step = matchTotp(verifier.secret, code, new Date(nowMs));
    if (step === undefined) return 'wrong';
    // Per contract number, across challenges: a TOTP code is good for one login only.
    if (step <= (this.lastTotpStep.get(contractNumber) ?? -1)) return 'replayed';
    this.lastTotpStep.set(contractNumber, step);
    return 'ok';
  }

  private purge(nowMs: number): void {
    for (const [id, challenge] of this.challenges) {
      if (challenge.expiresAtMs + RETENTION_MS < nowMs) this.challenges.delete(id);
    }
  }
}
