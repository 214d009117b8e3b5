// Opaque random bearer tokens bound to a contract number, valid for 10 minutes.
import { randomBytes } from 'node:crypto';

export const ACCESS_TOKEN_TTL_MS = 10 * 60 * 1000;

export class AccessTokens {
  private readonly tokens = new Map<string, { contractNumber: string; expiresAtMs: number }>();

  issue(contractNumber: string, nowMs: number): { accessToken: string; expiresAtMs: number } {
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAtMs = nowMs + ACCESS_TOKEN_TTL_MS;
    // Expired tokens go when a new one is made: unused ones would otherwise stay for the process's life.
    for (const [token, entry] of this.tokens) if (entry.expiresAtMs <= nowMs) this.tokens.delete(token);
    this.tokens.set(accessToken, { contractNumber, expiresAtMs });
    return { accessToken, expiresAtMs };
  }

  contractNumberFor(accessToken: string, nowMs: number): string | undefined {
    const entry = this.tokens.get(accessToken);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return entry.contractNumber;
  }
}
