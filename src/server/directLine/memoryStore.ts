import {
  DEFAULT_CLIENT_SHARE,
  type AppendRefusal,
  type ClientShare,
  type ConversationBudget,
  type DirectLineStore,
  type StoredConversation,
} from './store';

interface Entry {
  conversation: StoredConversation;
  activities: string[];
  bytes: number;
  expiresAt: number;
}

/** What one client (address) holds of the store. */
interface Share {
  conversations: number;
  bytes: number;
}

/** Bounds of one instance's memory: however many clients call, these caps hold. */
export interface MemoryBounds extends ClientShare {
  maxConversations: number;
  /** All activity logs together, in bytes of serialized JSON. */
  maxTotalBytes: number;
}

export const DEFAULT_MEMORY_BOUNDS: MemoryBounds = {
  maxConversations: 5000,
  maxTotalBytes: 64 * 1024 * 1024,
  ...DEFAULT_CLIENT_SHARE,
};

/**
 * The local Direct Line's store for one instance: everything expires, and the totals are capped. The
 * conversations map is kept in order of last use, so that when the totals are reached the least recently
 * used conversation is forgotten and a newcomer is still served; one client is held to its share.
 */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly shares = new Map<string, Share>();
  private totalBytes = 0;
  private sweptAt = 0;

  constructor(
    private readonly bounds: MemoryBounds = DEFAULT_MEMORY_BOUNDS,
    private readonly now: () => number = Date.now,
    /** Told the id of every conversation forgotten (expired or evicted): its bot state goes with it. */
    private readonly onForget: (id: string) => void = () => undefined,
  ) {}

  async create(conversation: StoredConversation, ttlMs: number): Promise<boolean> {
    this.forgetExpired();
    const owner = conversation.owner;
    if (this.share(owner).conversations >= this.bounds.maxClientConversations) {
      this.forgetLeastRecent((entry) => entry.conversation.owner === owner);
    }
    if (this.conversations.size >= this.bounds.maxConversations) this.forgetLeastRecent(() => true);
    this.conversations.set(conversation.id, {
      conversation: { ...conversation },
      activities: [],
      bytes: 0,
      expiresAt: this.now() + ttlMs,
    });
    this.share(owner).conversations += 1;
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
    this.used(id, entry, ttlMs);
    return true;
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    const entry = this.live(id);
    if (entry?.conversation.started) this.used(id, entry, ttlMs);
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
    if (entry.activities.length >= budget.maxActivities || entry.bytes + bytes > budget.maxBytes) {
      return 'conversation-full';
    }
    const share = this.share(entry.conversation.owner);
    if (share.bytes + bytes > this.bounds.maxClientBytes) return 'client-full';
    while (this.totalBytes + bytes > this.bounds.maxTotalBytes) {
      if (!this.forgetLeastRecent((other) => other !== entry)) return 'client-full';
    }
    entry.activities.push(activity);
    entry.bytes += bytes;
    share.bytes += bytes;
    this.totalBytes += bytes;
    return entry.activities.length - 1;
  }

  async since(id: string, from: number): Promise<{ activities: string[]; length: number }> {
    const activities = this.live(id)?.activities ?? [];
    return { activities: activities.slice(from), length: activities.length };
  }

  /** Conversations held now and bytes of their logs (for tests and the operator). */
  get size(): { conversations: number; bytes: number; tokens: number } {
    return { conversations: this.conversations.size, bytes: this.totalBytes, tokens: this.tokens.size };
  }

  private share(owner: string | undefined): Share {
    const key = owner ?? '';
    let share = this.shares.get(key);
    if (!share) {
      share = { conversations: 0, bytes: 0 };
      this.shares.set(key, share);
    }
    return share;
  }

  /** Moves the conversation to the most recently used end and gives it `ttlMs` more. */
  private used(id: string, entry: Entry, ttlMs: number): void {
    entry.expiresAt = this.now() + ttlMs;
    this.conversations.delete(id);
    this.conversations.set(id, entry);
  }

  private live(id: string): Entry | undefined {
    // Any call (a poll included) forgets what expired, at most once a minute: idle conversations do not
    // wait for a new one to be created.
    if (this.now() - this.sweptAt >= 60_000) this.forgetExpired();
    const entry = this.conversations.get(id);
    if (entry && entry.expiresAt <= this.now()) {
      this.remove(id, entry);
      return undefined;
    }
    return entry;
  }

  /** Forgets the least recently used conversation that `which` accepts; false if there is none. */
  private forgetLeastRecent(which: (entry: Entry) => boolean): boolean {
    for (const [id, entry] of this.conversations) {
      if (which(entry)) {
        this.remove(id, entry);
        return true;
      }
    }
    return false;
  }

  private remove(id: string, entry: Entry): void {
    this.conversations.delete(id);
    this.onForget(id);
    this.totalBytes -= entry.bytes;
    const key = entry.conversation.owner ?? '';
    const share = this.shares.get(key);
    if (share) {
      share.conversations -= 1;
      share.bytes -= entry.bytes;
      if (share.conversations <= 0) this.shares.delete(key);
    }
  }

  private forgetExpired(): void {
    const now = this.now();
    this.sweptAt = now;
    for (const [id, entry] of this.conversations) if (entry.expiresAt <= now) this.remove(id, entry);
    for (const [hash, token] of this.tokens) {
      if (token.expiresAt <= now || !this.conversations.has(token.conversationId)) this.tokens.delete(hash);
    }
  }
}
