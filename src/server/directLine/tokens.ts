import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { LocalConversations } from './conversations';

/** What the widget needs to open Web Chat: a token, the Direct Line to use it with and the user's id. */
export interface WidgetToken {
  token: string;
  conversationId: string;
  userId: string;
  expiresIn: number;
  /** Direct Line base URL for Web Chat's createDirectLine({ domain }). */
  domain: string;
}

/** Hands out Direct Line tokens to the widget; the only thing the browser gets to hold. */
export interface TokenSource {
  /** `client`: the caller's address, owner of a local conversation (its share of the store is bounded). */
  issue(localDomain: string, client: string): Promise<WidgetToken>;
}

/** Without a cloud account: a conversation of this server's own Direct Line. */
export function localTokenSource(conversations: LocalConversations): TokenSource {
  return {
    issue: async (localDomain, client) => {
      const grant = await conversations.create(client);
      return {
        token: grant.token,
        conversationId: grant.conversationId,
        userId: grant.userId,
        expiresIn: grant.expires_in,
        domain: localDomain,
      };
    },
  };
}

const generatedTokenSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export class TokenExchangeError extends Error {
  constructor(readonly status: number | undefined) {
    super(`Direct Line token exchange failed${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'TokenExchangeError';
  }
}

/**
 * With Azure Bot Service: exchanges the Direct Line secret for a token bound to a fresh user id
 * (`dl_…`, so Direct Line rejects activities claiming another user). The secret stays on the server.
 */
export function azureTokenSource(secret: string, endpoint: string, timeoutMs = 5000): TokenSource {
  const base = endpoint.replace(/\/$/, '');
  return {
    issue: async () => {
      const userId = `dl_${randomBytes(12).toString('base64url')}`;
      let response: Response;
      try {
        response = await fetch(`${base}/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: userId } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new TokenExchangeError(undefined);
      }
      if (!response.ok) throw new TokenExchangeError(response.status);
      const parsed = generatedTokenSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new TokenExchangeError(response.status);
      const { token, conversationId, expires_in } = parsed.data;
      return { token, conversationId, userId, expiresIn: expires_in, domain: base };
    },
  };
}
