// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) through otplib's TOTP engine. The `otplib` entry point loads
// ESM-only default plugins that jest's CommonJS runtime cannot import, so the engine (@otplib/totp,
// part of otplib 13) gets a node:crypto plugin and the secret as bytes instead.
import { createHmac, randomBytes } from 'node:crypto';
import { createCryptoPlugin } from '@otplib/core';
import { generateSync, verifySync } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';

const crypto = createCryptoPlugin({
  name: 'node',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
});

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'KPT Sandbox';

export function totpCode(secretBase32: string, at: Date): string {
  return generateSync({ secret: base32Decode(secretBase32), crypto, epoch: epochSeconds(at) });
}

/** The time step the code belongs to (for replay protection), or undefined if it does not match. */
export function matchTotp(secretBase32: string, code: string, at: Date): number | undefined {
  const result = verifySync({
    secret: base32Decode(secretBase32),
    crypto,
    token: code,
    epoch: epochSeconds(at),
    // One step back (RFC 6238 §5.2) for a code typed just before its window closed.
    epochTolerance: [TOTP_PERIOD_SECONDS, 0],
  });
  return result.valid ? result.timeStep : undefined;
}

export function totpUri(secretBase32: string, label: string): string {
  return generateTOTP({ issuer: ISSUER, label, secret: secretBase32 });
}

function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as used in otpauth:// URIs. */
function base32Decode(text: string): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new TypeError('secret is not base32');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
