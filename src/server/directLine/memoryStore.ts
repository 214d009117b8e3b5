import type { AppendRefusal, ConversationBudget, DirectLineStore, StoredConversation } from './store';

interface Entry {
  conversation: StoredConversation;
  activities: string[];
  bytes: number;
  expiresAt: number;
}

/** Bounds of one instance's memory: however many clients call, these caps hold. */
export interface MemoryBounds {
  maxConversations: number;
  /** All activity logs together, in bytes of serialized JSON. */
  maxTotalBytes: number;
}

export const DEFAULT_MEMORY_BOUNDS: MemoryBounds = {
  maxConversations: 5000,
  maxTotalBytes: 64 * 1024 * 1024,
};

/** The local Direct Line's store for one instance: everything expires, and the totals are capped. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();
  private totalBytes = 0;

  constructor(
    private readonly bounds: MemoryBounds = DEFAULT_MEMORY_BOUNDS,
    private readonly now: () => number = Date.now,
  ) {}

  async create(conversation: StoredConversation, ttlMs: number): Promise<boolean> {
    this.forgetExpired();
    if (this.conversations.size >= this.bounds.maxConversations) return false;
    this.conversations.set(conversation.id, {
      conversation: { ...conversation },
      activities: [],
      bytes: 0,
      expiresAt: this.now() + ttlMs,
    });
    return true;
  }

  async find(id: string): Promise<StoredConversation | undefined> {
    const entry = this.live(id);
    return entry && { ...entry.conversation };
  }

  async start(id: string, ttlMs: number): Promise<boolean> {
    const entry = this.live(id);
    if (!entry || entry.conversation.started) return false;
    entry.conversation.started = true;
    entry.expiresAt = this.now() + ttlMs;
    return true;
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    const entry = this.live(id);
    if (entry?.conversation.started) entry.expiresAt = this.now() + ttlMs;
  }

  async putToken(hash: string, conversationId: string, ttlMs: number): Promise<void> {
    this.tokens.set(hash, { conversationId, expiresAt: this.now() + ttlMs });
  }

  async tokenConversation(hash: string): Promise<string | undefined> {
    const token = this.tokens.get(hash);
    if (!token || token.expiresAt <= this.now()) return undefined;
    return token.conversationId;
  }

  async deleteToken(hash: string): Promise<void> {
    this.tokens.delete(hash);
  }

  async append(id: string, activity: string, budget: ConversationBudget): Promise<number | AppendRefusal> {
    const entry = this.live(id);
    if (!entry) return 'missing';
    const bytes = Buffer.byteLength(activity);
    if (
      entry.activities.length >= budget.maxActivities ||
      entry.bytes + bytes > budget.maxBytes ||
      this.totalBytes + bytes > this.bounds.maxTotalBytes
    ) {
      return 'full';
    }
    entry.activities.push(activity);
    entry.bytes += bytes;
    this.totalBytes += bytes;
    return entry.activities.length - 1;
  }

  async since(id: string, from: number): Promise<{ activities: string[]; length: number }> {
    const activities = this.live(id)?.activities ?? [];
    return { activities: activities.slice(from), length: activities.length };
  }

  private live(id: string): Entry | undefined {
    const entry = this.conversations.get(id);
    if (entry && entry.expiresAt <= this.now()) {
      this.remove(id, entry);
      return undefined;
    }
    return entry;
  }

  private remove(id: string, entry: Entry): void {
    this.conversations.delete(id);
    this.totalBytes -= entry.bytes;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, entry] of this.conversations) if (entry.expiresAt <= now) this.remove(id, entry);
    for (const [hash, token] of this.tokens) {
      if (token.expiresAt <= now || !this.conversations.has(token.conversationId)) this.tokens.delete(hash);
    }
  }
}
