import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps personal data out of storage in clear: keyed hashes for lookups (lockout per contract number
 * without storing the number) and authenticated encryption for what must be read back (the backend
 * access token in conversation state). The secret comes from the environment.
 */
export class SecretBox {
  private readonly hashKey: Buffer;
  private readonly encryptionKey: Buffer;

  constructor(secret: string) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'portal-help-bot', info, 32));
    this.hashKey = derive('hash');
    this.encryptionKey = derive('encryption');
  }

  /** A stable, non-reversible key for a value: "lock:" + key(contract). */
  key(...parts: string[]): string {
    return createHmac('sha256', this.hashKey).update(parts.join('\u0000')).digest('base64url');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The plaintext, or undefined if the box was tampered with or sealed with another secret. */
  open(sealed: string): string | undefined {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
