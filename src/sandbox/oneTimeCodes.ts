// Random 6-digit codes; only a hash is kept, compared in constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

export function codeMatches(code: string, hash: Buffer): boolean {
  return timingSafeEqual(hashCode(code), hash);
}
