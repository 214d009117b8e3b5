import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import restify from 'restify';
import { LANGUAGES, languageFromLocale, type Language } from '../language';
import type { Translator } from '../i18n/translator';
import { restifyLogger } from '../observability/libraryLogs';
import type { Logger } from '../observability/logger';
import { activityProblem } from './activityShape';
import type { ChannelAuth } from './channelAuth';
import { clientAddress, isLoopbackAddress, isLoopbackUrl } from './clientAddress';
import { LOCAL_DIRECT_LINE_PATH, type LocalDirectLine } from './directLine/localDirectLine';
import { createLocalDirectLine } from './directLine/setup';
import type { DownloadLinks } from './downloadLinks';
import { registerOperations, type OperationsOptions } from './operations';
import { undeliveredReply } from './replyDelivery';
import { DEFAULT_BODY_LIMITS, jsonBodyReader } from './requestBody';
import { registerWidget, type WidgetOptions } from './widget';

export interface HttpServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  downloads: DownloadLinks;
  /** The UI strings: what a person opening an expired link reads, and the widget's labels. */
  translator: Translator;
  /** Largest accepted request body in bytes (after decompression). */
  maxBodySize?: number;
  /** TRUST_PROXY: how many reverse proxies' X-Forwarded-For to believe about the caller's address. */
  trustedProxies?: number;
  /** GET /readyz and GET /metrics (see ./operations.ts). */
  operations?: OperationsOptions;
  /** With MicrosoftAppId: refuses (401) requests without a valid Bot Framework token (see ./channelAuth.ts). */
  channelAuth?: ChannelAuth;
  /** The masking logger: restify logs through it too (see ../observability/libraryLogs.ts). */
  logger?: Logger;
  /**
   * Local mode: the origins on this machine /api/messages may reply to (LOCAL_CHANNEL_URLS, the Emulator's);
   * any other serviceUrl is refused (403) before anything is sent.
   */
  localChannels?: readonly string[];
  /** The website chat widget, its demo page and Direct Line (see ./widget.ts). */
  widget?: Omit<WidgetOptions, 'adapter' | 'bot' | 'translator'>;
}

/**
 * Why /api/messages without Bot Framework credentials refuses an activity: it is the Emulator's door on
 * this machine, never a proxy to elsewhere, and never a way into the widget's Direct Line conversations.
 */
async function localModeRefusal(
  callerAddress: string,
  activity: Partial<Activity>,
  directLine: LocalDirectLine | undefined,
  localChannels: readonly string[],
): Promise<string | undefined> {
  if (!isLoopbackAddress(callerAddress)) return 'only callers on this machine may use /api/messages';
  if (!isLoopbackUrl(activity.serviceUrl ?? '')) return 'serviceUrl must be on this machine';
  // Not any port of this machine: replies go only to the channels the operator named.
  const origin = new URL(activity.serviceUrl!).origin;
  if (!localChannels.includes(origin)) {
    return `serviceUrl ${origin} is not in LOCAL_CHANNEL_URLS (the channels on this machine the bot replies to)`;
  }
  if (
    activity.channelId === 'directline' ||
    (await directLine?.conversations.has(activity.conversation!.id))
  ) {
    return 'Direct Line conversations are reached through /v3/directline only';
  }
  return undefined;
}

/**
 * The adapter's response, minus what a failed channel said: when a reply cannot be delivered the
 * adapter would put the channel's error text in its 500 (a port scanner for whoever names the serviceUrl).
 */
function withoutErrorDetails(res: restify.Response, undelivered: () => boolean) {
  let status = 200;
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.header(name, value),
    status: (code: number) => {
      // The turn ran but its reply did not reach the channel: the caller learns that much (502).
      status = undelivered() ? 502 : code;
      res.status(status);
    },
    send: (body: unknown) =>
      status >= 400 && !isInvokeAnswer(body)
        ? res.send(status, { error: 'the activity could not be processed' })
        : res.send(body),
    end: () => res.end(),
  };
}

/** The bot's own answer to an invoke (an Adaptive Card invoke response), not an error text of the adapter. */
function isInvokeAnswer(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { statusCode?: unknown }).statusCode === 'number'
  );
}

/** The bot's HTTP face: the Bot Framework messaging endpoint, document downloads and a health check. */
export function createHttpServer({
  adapter,
  bot,
  downloads,
  translator,
  maxBodySize = DEFAULT_BODY_LIMITS.maxBytes,
  trustedProxies = 0,
  operations,
  channelAuth,
  widget,
  logger,
  localChannels = [],
}: HttpServerOptions): restify.Server {
  const server = restify.createServer({
    name: 'portal-help-bot',
    // restify 11 logs with pino; its @types still describe bunyan.
    ...(logger && { log: restifyLogger(logger) as unknown as restify.ServerOptions['log'] }),
  });
  // A client that trickles its headers or body (slowloris) holds its connection 10 s / 30 s at most, not
  // Node's 60 s / 5 minutes.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 30_000;
  server.pre(headLikeGet);
  withoutReflectedInput(server);
  server.use(jsonBodyReader({ ...DEFAULT_BODY_LIMITS, maxBytes: maxBodySize }));
  const localMode = !channelAuth;
  const directLine =
    widget && !widget.config.MicrosoftAppId && !widget.config.DIRECT_LINE_SECRET
      ? (widget.directLine ?? createLocalDirectLine(widget.config))
      : undefined;

  server.post('/api/messages', async (req, res) => {
    if (await channelAuth?.reject(req.headers, req.body)) {
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: `not a valid activity (${problem})` });
      return;
    }
    const caller = clientAddress(req, trustedProxies);
    const refusal =
      localMode && (await localModeRefusal(caller, req.body as Partial<Activity>, directLine, localChannels));
    if (refusal) {
      // A developer on this machine learns what to set; callers from elsewhere cannot fill the log.
      if (isLoopbackAddress(caller)) logger?.warn({ refusal }, 'request to /api/messages refused (403)');
      res.send(403, { error: refusal });
      return;
    }
    let undelivered = false;
    await adapter.process(
      req,
      withoutErrorDetails(res, () => undelivered),
      async (context) => {
        try {
          await bot.run(context);
        } catch (error) {
          // A channel that is down or refuses: one line, no stack, no retry of the error message to it.
          const failure = undeliveredReply(error);
          if (!failure) throw error;
          undelivered = true;
          const channel = new URL(context.activity.serviceUrl).origin;
          logger?.warn({ channel, ...failure }, 'reply not delivered: the channel did not take it');
        }
      },
    );
  });
  if (widget) registerWidget(server, { ...widget, directLine, adapter, bot, translator });

  // A tax certificate behind its short-lived link: never cached, offered as a file to open or save.
  // A wildcard, not ":token": the router refuses a long parameter with a 404 that echoes the path.
  server.get('/downloads/*', async (req, res) => {
    const token = String(req.params['*']);
    const document = await downloads.find(token);
    if (!document) {
      // A person clicked an old or used link in the chat: tell them in their browser's language what to do.
      const lang = browserLanguage(req.headers['accept-language']);
      const used = await downloads.used(token);
      res.writeHead(used ? 410 : 404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(translator.t(lang, used ? 'downloads.used' : 'downloads.expired'));
      return;
    }
    const fileName = encodeURIComponent(document.fileName);
    res.writeHead(200, {
      'Content-Type': document.contentType,
      'Content-Length': document.content.length,
      'Content-Disposition': `inline; filename*=UTF-8''${fileName}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(document.content);
  });

  if (operations) registerOperations(server, operations);
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  return server;
}

/**
 * HEAD (uptime checks, the widget's strings) answered like GET: Node sends no body for it. Not for downloads
 * (a HEAD would use up a link) nor the Direct Line (it reads a conversation and counts against the budget).
 */
const NO_HEAD_PATHS = ['/downloads/', `${LOCAL_DIRECT_LINE_PATH}/`];

function headLikeGet(req: restify.Request, _res: restify.Response, next: restify.Next): void {
  const path = req.getPath();
  if (req.method === 'HEAD' && !NO_HEAD_PATHS.some((prefix) => path.startsWith(prefix))) req.method = 'GET';
  next();
}

/**
 * restify's own 404 and 405 bodies quote the request's path or method (reflected input, e.g. script in a
 * path): a fixed text instead, in a type no browser sniffs. The Allow header of a 405 stays.
 */
function withoutReflectedInput(server: restify.Server): void {
  const fixed = { NotFound: [404, 'not found'], MethodNotAllowed: [405, 'method not allowed'] } as const;
  for (const [event, [status, error]] of Object.entries(fixed)) {
    server.on(event, (_req: restify.Request, res: restify.Response, _err: Error, done: () => void) => {
      res.header('X-Content-Type-Options', 'nosniff');
      res.send(status, { error });
      done();
    });
  }
}

/** The first of the bot's languages in an Accept-Language header ("fr-CH,fr;q=0.9,en;q=0.8" → fr). */
function browserLanguage(header: string | undefined): Language {
  const tags = (header ?? '').split(',').map((tag) => tag.split(';')[0]);
  return tags.map(languageFromLocale).find((lang) => lang !== undefined) ?? LANGUAGES[0];
}
