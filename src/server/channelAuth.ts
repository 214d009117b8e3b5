import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';

/** Decides whether a request to /api/messages comes from the Bot Framework; undefined = admitted. */
export interface ChannelAuth {
  reject(headers: Record<string, string | string[] | undefined>, body: unknown): Promise<string | undefined>;
}

/**
 * With MicrosoftAppId set, only requests carrying a valid Bot Framework token reach the adapter and the
 * bot; every failure is a 401 (fail closed), also when the signing keys cannot be fetched — the adapter
 * alone would answer 500 then. Tokens that cannot be Bot Framework tokens (no Bearer, not a JWT, not
 * RS256, no key id, expired) are refused before any signing key is downloaded. Local mode: undefined.
 */
export function createChannelAuth(config: Config, logger: Logger): ChannelAuth | undefined {
  if (!config.MicrosoftAppId) return undefined;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const verify = async (header: unknown, body: unknown): Promise<string | undefined> => {
    if (typeof header !== 'string') return 'no bearer token';
    const problem = implausibleToken(header);
    if (problem) return problem;
    if (typeof body !== 'object' || body === null) return 'no activity';
    try {
      await auth.authenticateRequest(body as Activity, header);
      return undefined;
    } catch (error) {
      return `token rejected: ${(error as Error).message}`;
    }
  };
  return {
    async reject(headers, body) {
      const problem = await verify(headers.authorization, body);
      if (problem) logger.warn({ problem }, 'request to /api/messages refused (401)');
      return problem;
    },
  };
}

/** Why a token cannot be a Bot Framework token, judged from its form alone; undefined if it may be one. */
function implausibleToken(header: string): string | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
  if (!match) return 'not a signed bearer token';
  const [head, claims] = [decodePart(match[1]!), decodePart(match[2]!)];
  if (head?.alg !== 'RS256') return 'not an RS256 token';
  if (typeof head.kid !== 'string' || !head.kid) return 'no signing key id';
  if (typeof claims?.exp !== 'number' || claims.exp * 1000 < Date.now() - 5 * 60_000) return 'expired';
  return undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
