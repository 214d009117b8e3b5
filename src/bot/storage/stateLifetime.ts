import type { Storage } from 'botbuilder';
import { DEFAULT_CONVERSATION_LIMITS } from '../../server/directLine/conversations';

/** The bot state key of a local Direct Line (widget) conversation, as ConversationState writes it. */
export function widgetStateKey(conversationId: string): string {
  return `directline/conversations/${conversationId}/`;
}

/**
 * How long an idle conversation's state lives in Redis: a widget conversation's no longer than its Direct
 * Line log (an idle hour), whose user cannot come back to it anyway; every other channel's `ttlMs`.
 */
export function stateLifetime(ttlMs: number): (key: string) => number {
  const widgetMs = Math.min(ttlMs, DEFAULT_CONVERSATION_LIMITS.idleLifetimeMs);
  return (key) => (key.startsWith('directline/conversations/') ? widgetMs : ttlMs);
}

/** In memory: drops a widget conversation's state when the local Direct Line forgets the conversation. */
export function dropWidgetState(storage: Storage): (conversationId: string) => void {
  return (conversationId) => void storage.delete([widgetStateKey(conversationId)]).catch(() => undefined);
}
