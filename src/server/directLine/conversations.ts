import { createHash, randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';
import { MemoryDirectLineStore } from './memoryStore';
import type { ConversationBudget, DirectLineStore } from './store';

/** Direct Line's own lifetimes: a token lasts 30 minutes; Web Chat refreshes it every 15. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

/** How long conversations live and how much each may hold (the docs list them: docs/security.md). */
export interface ConversationLimits extends ConversationBudget {
  /** A conversation whose token was handed out but that no client started is forgotten after this. */
  unstartedLifetimeMs: number;
  /** A started conversation nobody has touched for this long is forgotten. */
  idleLifetimeMs: number;
}

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = {
  unstartedLifetimeMs: 5 * 60_000,
  idleLifetimeMs: 60 * 60_000,
  maxActivities: 500,
  maxBytes: 1024 * 1024,
};

export interface LocalConversation {
  id: string;
  user: ChannelAccount;
  /** Set once the client started it (POST /conversations): the bot was told the user joined. */
  started: boolean;
}

export interface TokenGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export class DirectLineError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429,
    readonly code: 'TokenInvalid' | 'BadArgument' | 'NotFound' | 'TooManyRequests' | 'MessageSizeTooBig',
    message: string,
    /** For a 429 of a per-client budget: seconds until it refills (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export interface LocalConversationsOptions {
  store?: DirectLineStore;
  /** Keys under which tokens are stored (a keyed hash with STATE_SECRET); the token itself is never stored. */
  hashToken?: (token: string) => string;
  limits?: ConversationLimits;
  now?: () => number;
}

/**
 * The conversations of the local Direct Line: per conversation the activity log that clients read with a
 * watermark (its index), and the random token that opens it. Everything is bounded and expires: tokens
 * after 30 minutes (a refresh replaces the old one), unstarted conversations after minutes, started ones
 * after an idle hour; each log has a byte and activity budget checked before anything is stored.
 */
export class LocalConversations {
  private readonly store: DirectLineStore;
  private readonly hashToken: (token: string) => string;
  readonly limits: ConversationLimits;
  private readonly now: () => number;

  constructor(options: LocalConversationsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.store = options.store ?? new MemoryDirectLineStore(undefined, this.now);
    this.hashToken = options.hashToken ?? ((token) => createHash('sha256').update(token).digest('base64url'));
    this.limits = options.limits ?? DEFAULT_CONVERSATION_LIMITS;
  }

  /**
   * A new conversation and its first token, as Direct Line's tokens/generate gives them; `client` (the
   * caller's address) owns it: one client's share of the store is bounded.
   */
  async create(client?: string): Promise<TokenGrant & { userId: string }> {
    const id = randomId(18);
    const userId = `dl_${randomId(12)}`;
    const owner = client === undefined ? undefined : this.hashToken(`client:${client}`);
    if (!(await this.store.create({ id, userId, started: false, owner }, this.limits.unstartedLifetimeMs))) {
      throw new DirectLineError(429, 'TooManyRequests', 'Too many open conversations.');
    }
    return { ...(await this.issueToken(id)), userId };
  }

  /** The conversation a bearer token opens; with `conversationId`, the token must belong to it. */
  async authorize(token: string | undefined, conversationId?: string): Promise<LocalConversation> {
    const issued = token ? await this.store.tokenConversation(this.hashToken(token)) : undefined;
    if (!issued || (conversationId !== undefined && conversationId !== issued)) {
      throw new DirectLineError(403, 'TokenInvalid', 'Token not valid for this conversation.');
    }
    const conversation = await this.find(issued);
    await this.store.touch(conversation.id, this.limits.idleLifetimeMs);
    return conversation;
  }

  /** Conversations the bot writes to (its replies); unknown ids get a 404. */
  async find(conversationId: string): Promise<LocalConversation> {
    const stored = await this.store.find(conversationId);
    if (!stored) throw new DirectLineError(404, 'NotFound', 'Conversation not found.');
    return {
      id: stored.id,
      started: stored.started,
      user: { id: stored.userId, name: 'user', role: 'user' },
    };
  }

  /** Whether `conversationId` is one of this Direct Line's (live) conversations. */
  async has(conversationId: string): Promise<boolean> {
    return (await this.store.find(conversationId)) !== undefined;
  }

  /** Marks the conversation started; true only for the first call (which then welcomes the user). */
  start(conversation: LocalConversation): Promise<boolean> {
    return this.store.start(conversation.id, this.limits.idleLifetimeMs);
  }

  /** A fresh token for the same conversation; the old one stops working at once. */
  async refresh(token: string | undefined): Promise<TokenGrant> {
    const conversation = await this.authorize(token);
    const grant = await this.issueToken(conversation.id);
    await this.store.deleteToken(this.hashToken(token!));
    return grant;
  }

  private async issueToken(conversationId: string): Promise<TokenGrant> {
    const token = randomId(32);
    await this.store.putToken(this.hashToken(token), conversationId, TOKEN_LIFETIME_SECONDS * 1000);
    return { conversationId, token, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** Adds an activity to the log with its id and timestamp, within the conversation's budget; returns the id. */
  async append(conversation: LocalConversation, activity: Partial<Activity>): Promise<string> {
    // The index is known only once stored: the id is derived from it when the log is read.
    const stored = JSON.stringify({ ...activity, timestamp: new Date(this.now()) });
    const index = await this.store.append(conversation.id, stored, this.limits);
    if (index === 'missing') throw new DirectLineError(404, 'NotFound', 'Conversation not found.');
    if (index === 'conversation-full') {
      throw new DirectLineError(429, 'TooManyRequests', 'This conversation is too long.');
    }
    if (index === 'client-full') {
      throw new DirectLineError(429, 'TooManyRequests', 'Too much stored for this client; please wait.');
    }
    return activityId(conversation.id, index);
  }

  /** The activities after `watermark` (an index into the log) and the new watermark. */
  async since(
    conversation: LocalConversation,
    watermark: number,
  ): Promise<{ activities: Partial<Activity>[]; watermark: string }> {
    const { activities, length } = await this.store.since(conversation.id, watermark);
    // A watermark beyond the log (never given out) reads nothing rather than everything.
    const from = Math.min(watermark, length);
    return {
      activities: activities.map((json, offset) => ({
        ...(JSON.parse(json) as Partial<Activity>),
        id: activityId(conversation.id, from + offset),
      })),
      watermark: String(length),
    };
  }
}

function activityId(conversationId: string, index: number): string {
  return `${conversationId}|${String(index).padStart(7, '0')}`;
}
