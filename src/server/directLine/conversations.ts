import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';

/** Direct Line's own lifetimes: a token lasts 30 minutes; Web Chat refreshes it every 15. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;
/** A conversation nobody has touched for this long is forgotten. */
const IDLE_LIFETIME_MS = 60 * 60_000;
/** Bounds of the in-memory store: a flood of conversations or messages cannot exhaust memory. */
const MAX_CONVERSATIONS = 5000;
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;

export interface LocalConversation {
  id: string;
  user: ChannelAccount;
  /** Set once the client started it (POST /conversations): the bot was told the user joined. */
  started: boolean;
  activities: Partial<Activity>[];
  lastUsed: number;
}

interface IssuedToken {
  conversationId: string;
  expiresAt: number;
}

export interface TokenGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export class DirectLineError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly code: 'TokenInvalid' | 'BadArgument' | 'NotFound' | 'TooManyRequests',
    message: string,
  ) {
    super(message);
  }
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The conversations of the local Direct Line: per conversation the activity log that clients read with a
 * watermark (its index), and the random tokens that open it. In memory: for one instance on a laptop or a
 * demo; with several instances use Azure Direct Line (DIRECT_LINE_SECRET).
 */
export class LocalConversations {
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new conversation and its first token, as Direct Line's tokens/generate gives them. */
  create(): TokenGrant & { userId: string } {
    this.forgetIdle();
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      throw new DirectLineError(429, 'TooManyRequests', 'Too many open conversations.');
    }
    const id = randomId(18);
    const user = { id: `dl_${randomId(12)}`, name: 'user', role: 'user' };
    this.conversations.set(id, { id, user, started: false, activities: [], lastUsed: this.now() });
    return { ...this.issueToken(id), userId: user.id };
  }

  /** The conversation a bearer token opens; with `conversationId`, the token must belong to it. */
  authorize(token: string | undefined, conversationId?: string): LocalConversation {
    const issued = token ? this.tokens.get(token) : undefined;
    if (!issued || issued.expiresAt <= this.now()) {
      throw new DirectLineError(403, 'TokenInvalid', 'Token not valid for this conversation.');
    }
    if (conversationId !== undefined && conversationId !== issued.conversationId) {
      throw new DirectLineError(403, 'TokenInvalid', 'Token not valid for this conversation.');
    }
    const conversation = this.conversations.get(issued.conversationId);
    if (!conversation) throw new DirectLineError(404, 'NotFound', 'Conversation not found.');
    conversation.lastUsed = this.now();
    return conversation;
  }

  /** Conversations the bot writes to (its replies); unknown ids get a 404. */
  find(conversationId: string): LocalConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new DirectLineError(404, 'NotFound', 'Conversation not found.');
    return conversation;
  }

  /** A fresh token for the same conversation; the old one stays valid until it expires. */
  refresh(token: string | undefined): TokenGrant {
    return this.issueToken(this.authorize(token).id);
  }

  issueToken(conversationId: string): TokenGrant {
    const token = randomId(32);
    this.tokens.set(token, { conversationId, expiresAt: this.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return { conversationId, token, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** Adds an activity to the log with its id and timestamp; returns the id. */
  append(conversation: LocalConversation, activity: Partial<Activity>): string {
    if (conversation.activities.length >= MAX_ACTIVITIES_PER_CONVERSATION) {
      throw new DirectLineError(429, 'TooManyRequests', 'This conversation is too long.');
    }
    const id = `${conversation.id}|${String(conversation.activities.length).padStart(7, '0')}`;
    conversation.activities.push({ ...activity, id, timestamp: new Date(this.now()) });
    return id;
  }

  /** The activities after `watermark` (an index into the log) and the new watermark. */
  since(
    conversation: LocalConversation,
    watermark: string | undefined,
  ): { activities: Partial<Activity>[]; watermark: string } {
    const from = /^\d+$/.test(watermark ?? '') ? Number(watermark) : 0;
    return {
      activities: conversation.activities.slice(from),
      watermark: String(conversation.activities.length),
    };
  }

  private forgetIdle(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.lastUsed > IDLE_LIFETIME_MS) this.conversations.delete(id);
    }
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt <= now || !this.conversations.has(issued.conversationId))
        this.tokens.delete(token);
    }
  }
}
