import { randomBytes } from 'node:crypto';
import type { DocumentLinks, PublishedDocument } from '../dialogs/actions/ports';
import type { ExpiringStore } from '../security/expiringStore';
import type { SecretBox } from '../security/secretBox';

export interface StoredDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * A link opens once: whoever else gets hold of it (forwarded, in a history, in a proxy log) finds it used. Teams
 * opens links in a browser without the widget's cookies, so a link cannot be bound to the conversation.
 */
export const FETCHES_PER_LINK = 1;
/** What the document's key holds once the link has served it: the page can say "already used". */
const USED = 'used';

/**
 * Download links for one document each: an unguessable token (256 random bits) that expires after a few
 * minutes and serves one fetch. The document lives in the shared store, so any instance can serve it,
 * but the store never holds what would open it: the key is a keyed hash of the token and the document is
 * sealed (AES-GCM) with the state secret.
 */
export class DownloadLinks implements DocumentLinks {
  constructor(
    private readonly store: ExpiringStore,
    private readonly box: SecretBox,
    private readonly publicUrl: string,
    private readonly lifetimeMinutes: number,
  ) {}

  async publish(document: {
    fileName: string;
    contentType: string;
    content: Uint8Array;
  }): Promise<PublishedDocument> {
    const token = randomBytes(32).toString('base64url');
    const value = JSON.stringify({ ...document, content: Buffer.from(document.content).toString('base64') });
    await this.store.set(this.key('download', token), this.box.seal(value), this.lifetimeMinutes * 60_000);
    return {
      url: `${this.publicUrl.replace(/\/$/, '')}/downloads/${token}`,
      expiresInMinutes: this.lifetimeMinutes,
    };
  }

  async find(token: string): Promise<StoredDocument | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const key = this.key('download', token);
    // Counted before reading, so parallel fetches cannot all pass.
    const fetches = await this.store.increment(this.key('fetches', token), this.lifetimeMinutes * 60_000);
    if (fetches > FETCHES_PER_LINK) return undefined;
    const sealed = await this.store.get(key);
    const value = sealed && sealed !== USED && this.box.open(sealed);
    if (!value) return undefined;
    await this.store.set(key, USED, this.lifetimeMinutes * 60_000);
    const stored = JSON.parse(value) as { fileName: string; contentType: string; content: string };
    return { ...stored, content: Buffer.from(stored.content, 'base64') };
  }

  /** Whether this link has served its document already (and not yet expired). */
  async used(token: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
    return (await this.store.get(this.key('download', token))) === USED;
  }

  private key(kind: 'download' | 'fetches', token: string): string {
    return `${kind}:${this.box.key(kind, token)}`;
  }
}
