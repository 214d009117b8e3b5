import path from 'node:path';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type restify from 'restify';
import type { Config } from '../config';
import { isLanguage } from '../language';
import type { Translator } from '../i18n/translator';
import { clientAddress, isLoopbackUrl } from './clientAddress';
import { registerDemoPagePolicy } from './contentSecurityPolicy';
import type { ClientLimits } from './directLine/clientLimits';
import { DirectLineError } from './directLine/conversations';
import {
  announceRetryAfter,
  LOCAL_DIRECT_LINE_PATH,
  registerLocalDirectLine,
  type LocalDirectLine,
} from './directLine/localDirectLine';
import { createLocalDirectLine } from './directLine/setup';
import { azureTokenSource, localTokenSource, type TokenSource } from './directLine/tokens';
import { registerDemoPage } from './demoPage';
import { registerStaticFiles } from './staticFiles';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const WEB_DIR = path.join(PROJECT_ROOT, 'web');
/** Web Chat's UMD bundle from the npm package: no CDN. */
const WEBCHAT_BUNDLE = path.join(PROJECT_ROOT, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');

/** The widget's own strings (launcher, panel title, …), from the locales like every UI string. */
const WIDGET_STRING_KEYS = [
  'launcher',
  'title',
  'close',
  'loading',
  'unavailable',
  'placeholder',
  'youSaid',
  'transcript',
  'interactiveHint',
  'linksHint',
  'suggestionsHint',
  'botName',
  'closeHelp',
  'dismiss',
  'leaveMessage',
  'moveInWindow',
  'doAction',
  'moveBetweenMessages',
  'enterMessage',
  'moveInMessage',
  'fileWithSize',
  'downloadWithSize',
] as const;

export interface WidgetOptions {
  config: Config;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  translator: Translator;
  log: (line: string) => void;
  /** The local Direct Line's state (Redis with REDIS_URL); default: in memory. */
  directLine?: LocalDirectLine;
}

/** Same-site requests need no CORS; the sites listed in WIDGET_ORIGINS may call the token and Direct Line. */
function allowCrossOrigin(server: restify.Server, origins: readonly string[]): void {
  const allowed = new Set(origins);
  server.pre((req, res, next) => {
    const origin = req.header('origin');
    const path = req.getPath();
    const api = path.startsWith('/api/webchat/') || path.startsWith(`${LOCAL_DIRECT_LINE_PATH}/`);
    if (!api || !origin || !allowed.has(origin)) return next();
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    res.header('Access-Control-Allow-Methods', 'GET, POST');
    res.header('Access-Control-Allow-Headers', 'authorization, content-type, x-ms-bot-agent');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next(false);
  });
}

/**
 * The website chat widget: its script and the demo page, Web Chat's bundle, the widget's strings and the
 * Direct Line token endpoint. Without DIRECT_LINE_SECRET (and in local mode) this server is the Direct
 * Line itself; with it, tokens come from Azure and the secret never leaves the server.
 */
export function registerWidget(server: restify.Server, options: WidgetOptions): void {
  const { config, translator, log } = options;
  const javascript = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  registerDemoPage(server, path.join(WEB_DIR, 'demo.html'), translator);
  registerStaticFiles(server, [
    { route: '/demo.css', file: path.join(WEB_DIR, 'demo.css'), contentType: css },
    { route: '/favicon.svg', file: path.join(WEB_DIR, 'favicon.svg'), contentType: 'image/svg+xml' },
    { route: '/widget.js', file: path.join(WEB_DIR, 'widget.js'), contentType: javascript },
    { route: '/widget.css', file: path.join(WEB_DIR, 'widget.css'), contentType: css },
    { route: '/vendor/webchat.js', file: WEBCHAT_BUNDLE, contentType: javascript, maxAgeSeconds: 3600 },
  ]);
  allowCrossOrigin(server, config.WIDGET_ORIGINS);
  registerDemoPagePolicy(server, config);

  let tokens: TokenSource | undefined;
  let clients: ClientLimits | undefined;
  if (config.DIRECT_LINE_SECRET) {
    tokens = azureTokenSource(config.DIRECT_LINE_SECRET, config.DIRECT_LINE_ENDPOINT);
  } else if (!config.MicrosoftAppId) {
    const directLine = options.directLine ?? createLocalDirectLine(config);
    registerLocalDirectLine({ ...options, ...directLine, server });
    tokens = localTokenSource(directLine.conversations);
    clients = directLine.clients;
  } else {
    log(
      'widget: no DIRECT_LINE_SECRET with MicrosoftAppId set: the website widget is off (Teams and other channels work)',
    );
  }

  server.get('/api/webchat/strings/:lang', (req, res, next) => {
    const lang = String(req.params.lang);
    if (!isLanguage(lang)) {
      res.send(404, { error: 'Unknown language; use de, fr or it.' });
      return next();
    }
    res.header('Cache-Control', 'public, max-age=300');
    res.send(
      200,
      Object.fromEntries(WIDGET_STRING_KEYS.map((key) => [key, translator.t(lang, `widget.${key}`)])),
    );
    return next();
  });

  server.post('/api/webchat/token', async (req, res) => {
    if (!tokens) {
      res.send(503, { error: 'The chat is not configured on this server.' });
      return;
    }
    // A Host header is the caller's word: believed only when it names this machine (local development).
    const host = `http://${req.header('host')}`;
    const base =
      config.PUBLIC_URL?.replace(/\/$/, '') ??
      (isLoopbackUrl(host) ? new URL(host).origin : `http://localhost:${config.PORT}`);
    try {
      const client = clientAddress(req, config.TRUST_PROXY);
      await clients?.newConversation(client);
      res.header('Cache-Control', 'no-store');
      res.send(200, await tokens.issue(`${base}${LOCAL_DIRECT_LINE_PATH}`, client));
    } catch (error) {
      log(`widget: ${(error as Error).message}`);
      const status = error instanceof DirectLineError ? error.status : 502;
      announceRetryAfter(res, error);
      res.send(status, { error: 'The chat is not available at the moment.' });
    }
  });
}
