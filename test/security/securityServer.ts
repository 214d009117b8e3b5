import { ConversationState, MemoryStorage } from 'botbuilder';
import type restify from 'restify';
import { HelpBot } from '../../src/bot/helpBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { BotMetrics } from '../../src/observability/metrics';
import { createAdapter } from '../../src/server/adapter';
import type { LocalDirectLine } from '../../src/server/directLine/localDirectLine';
import { createHttpServer } from '../../src/server/httpServer';
import { Readiness } from '../../src/server/readiness';
import { offlineActionDependencies } from '../helpers/backendDown';
import { defaultServices } from '../helpers/conversation';
import { listen } from '../helpers/http';

export interface SecurityServer {
  url: string;
  /** Every log line: the bot's, restify's and the widget's. */
  log: string[];
  close(): Promise<void>;
}

/** The bot's HTTP face as `npm start` wires it (widget, local Direct Line, operations), configured by `env`. */
export async function startSecurityServer(
  env: Record<string, string> = {},
  directLine?: LocalDirectLine,
  routes: (server: restify.Server) => void = () => undefined,
): Promise<SecurityServer> {
  const config = loadConfig(env);
  const services = defaultServices();
  const log: string[] = [];
  const sink = (line: string) => log.push(line);
  const server: restify.Server = createHttpServer({
    adapter: createAdapter(config, services.translator, createLogger({ level: 'error', sink })),
    bot: new HelpBot(services, new ConversationState(new MemoryStorage())),
    downloads: offlineActionDependencies().links,
    translator: services.translator,
    widget: { config, log: sink, directLine },
    operations: {
      metrics: new BotMetrics(),
      readiness: new Readiness({}),
      metricsToken: config.METRICS_TOKEN,
      trustedProxies: config.TRUST_PROXY,
    },
    trustedProxies: config.TRUST_PROXY,
    localChannels: config.LOCAL_CHANNEL_URLS,
    logger: createLogger({ level: 'warn', sink }),
  });
  routes(server);
  const url = await listen(server.server);
  return { url, log, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface WidgetGrant {
  token: string;
  conversationId: string;
  domain: string;
}

/** A token for a new conversation of the local Direct Line, as the widget asks for it. */
export async function widgetToken(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/webchat/token`, { method: 'POST', headers });
}

/** Calls the local Direct Line with a bearer token. */
export function directLine(
  grant: WidgetGrant,
  method: string,
  suffix: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${grant.domain}${suffix}`, {
    method,
    headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
