/** A local Direct Line conversation as stored: who the user is and whether the client started it. */
export interface StoredConversation {
  id: string;
  userId: string;
  started: boolean;
  /** Keyed hash of the client address that asked for it: its share of the store is bounded. */
  owner?: string;
}

/** Why an activity was not added to a conversation's log. */
export type AppendRefusal = 'missing' | 'conversation-full' | 'client-full';

/**
 * Where the local Direct Line keeps tokens (only their keyed hashes), conversations and activity logs,
 * each with an expiry: in memory for one instance, in Redis for several behind a load balancer.
 */
export interface DirectLineStore {
  /** Adds a conversation that lives `ttlMs`; false when the store holds all it may (memory only). */
  create(conversation: StoredConversation, ttlMs: number): Promise<boolean>;
  find(id: string): Promise<StoredConversation | undefined>;
  /** Marks the conversation started and gives it `ttlMs` more; true only for the call that started it. */
  start(id: string, ttlMs: number): Promise<boolean>;
  /** Gives a started conversation `ttlMs` more (an unstarted one keeps its short lifetime). */
  touch(id: string, ttlMs: number): Promise<void>;
  putToken(hash: string, conversationId: string, ttlMs: number): Promise<void>;
  tokenConversation(hash: string): Promise<string | undefined>;
  deleteToken(hash: string): Promise<void>;
  /** Appends one serialized activity within the budget; its index in the log, or why not. */
  append(id: string, activity: string, budget: ConversationBudget): Promise<number | AppendRefusal>;
  /** The serialized activities from index `from` and the log's length. */
  since(id: string, from: number): Promise<{ activities: string[]; length: number }>;
}

/** One client's (address's) share of the store, in memory and in Redis alike. */
export interface ClientShare {
  /** One client's part of the logs: beyond it that client's conversations refuse more (429), nobody else's. */
  maxClientBytes: number;
  /** One client's conversations: beyond it its least recently used one is forgotten. */
  maxClientConversations: number;
}

export const DEFAULT_CLIENT_SHARE: ClientShare = {
  maxClientBytes: 4 * 1024 * 1024,
  maxClientConversations: 200,
};

/** How much one conversation's log may hold. */
export interface ConversationBudget {
  maxActivities: number;
  maxBytes: number;
}
