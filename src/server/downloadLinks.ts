import { randomBytes } from 'node:crypto';
import type { DocumentLinks, PublishedDocument } from '../dialogs/actions/ports';
import type { ExpiringStore } from '../security/expiringStore';

export interface StoredDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * Download links for one document each: an unguessable token (256 random bits) that expires after a few
 * minutes. The document lives in the shared store, so any instance can serve it.
 */
export class DownloadLinks implements DocumentLinks {
  constructor(
    private readonly store: ExpiringStore,
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
    await this.store.set(this.key(token), value, this.lifetimeMinutes * 60_000);
    return {
      url: `${this.publicUrl.replace(/\/$/, '')}/downloads/${token}`,
      expiresInMinutes: this.lifetimeMinutes,
    };
  }

  async find(token: string): Promise<StoredDocument | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const value = await this.store.get(this.key(token));
    if (!value) return undefined;
    const stored = JSON.parse(value) as { fileName: string; contentType: string; content: string };
    return { ...stored, content: Buffer.from(stored.content, 'base64') };
  }

  private key(token: string): string {
    return `download:${token}`;
  }
}
