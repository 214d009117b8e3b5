// Idempotency-Key handling: the first 2xx answer to a key is kept for 24 hours and replayed; errors
// are not kept, so a refused request (e.g. 429) can be retried with the same key.
import { createHash } from 'node:crypto';
import type { Reply } from './httpIo';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

interface Entry {
  fingerprint: string;
  reply: Reply;
  expiresAtMs: number;
}

export type Lookup = { type: 'miss' } | { type: 'replay'; reply: Reply } | { type: 'mismatch' };

export function fingerprint(method: string, path: string, rawBody: string): string {
  return createHash('sha256').update(`${method} ${path}\n${rawBody}`).digest('hex');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  lookup(key: string, print: string, nowMs: number): Lookup {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAtMs <= nowMs) return { type: 'miss' };
    if (entry.fingerprint !== print) return { type: 'mismatch' };
    return {
      type: 'replay',
      reply: { ...entry.reply, headers: { ...entry.reply.headers, 'Idempotent-Replayed': 'true' } },
    };
  }

  remember(key: string, print: string, reply: Reply, nowMs: number): void {
    if (reply.status < 200 || reply.status >= 300) return;
    for (const [stored, entry] of this.entries) if (entry.expiresAtMs <= nowMs) this.entries.delete(stored);
    this.entries.set(key, { fingerprint: print, reply, expiresAtMs: nowMs + IDEMPOTENCY_TTL_MS });
  }
}
