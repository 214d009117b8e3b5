import type { Activity, ActivityHandler, CloudAdapter, ResourceResponse } from 'botbuilder';
import type restify from 'restify';
import { z } from 'zod';
import { clientAddress } from '../clientAddress';
import type { ClientLimits } from './clientLimits';
import { clientView } from './clientView';
import {
  DirectLineError,
  TOKEN_LIFETIME_SECONDS,
  type LocalConversation,
  type LocalConversations,
} from './conversations';

/** Where Web Chat finds the local Direct Line: the same paths as directline.botframework.com. */
export const LOCAL_DIRECT_LINE_PATH = '/v3/directline';
/** Where the adapter believes the bot's replies go; they never leave the process (see `deliver`). */
const IN_PROCESS_SERVICE_URL = 'http://local-direct-line.invalid/';
const BOT_ACCOUNT = { id: 'portal-help-bot', name: 'Portal help', role: 'bot' };
/** Web Chat's activities are a few hundred bytes; a bigger one is refused before it is stored. */
export const MAX_CLIENT_ACTIVITY_BYTES = 16 * 1024;

/** What a client may post: Web Chat's messages, events and typing; everything else about it is ours to set. */
const clientActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(20_000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().optional(),
  attachments: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  // Web Chat's own ids only; anything else a client puts in channelData is dropped before it is stored.
  channelData: z
    .object({
      clientActivityID: z.string().max(100).optional(),
      clientTimestamp: z.string().max(100).optional(),
    })
    .optional(),
});

/** An index into the log as this server gave it out (empty: from the start); anything else is refused. */
const watermarkSchema = z
  .string()
  .regex(/^\d{0,7}$/)
  .transform((value) => Number(value || 0));

const startSchema = z
  .object({ locale: z.string().max(20).optional() })
  .optional()
  .catch(undefined);

function bearerToken(req: restify.Request): string | undefined {
  const header = req.header('authorization') ?? '';
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

/** A client over its budget learns when to come back (Web Chat and proxies read Retry-After). */
export function announceRetryAfter(res: restify.Response, error: unknown): void {
  if (error instanceof DirectLineError && error.retryAfterSeconds) {
    res.header('Retry-After', String(error.retryAfterSeconds));
  }
}

function sendError(res: restify.Response, error: unknown): void {
  announceRetryAfter(res, error);
  if (error instanceof DirectLineError) {
    res.send(error.status, { error: { code: error.code, message: error.message } });
  } else {
    res.send(502, { error: { code: 'BotError', message: 'The bot could not process the activity.' } });
  }
}

/** The local Direct Line's state and budgets: conversations (memory or Redis) and per-client rates. */
export interface LocalDirectLine {
  conversations: LocalConversations;
  clients: ClientLimits;
  /** TRUST_PROXY: reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies: number;
}

export interface LocalDirectLineOptions extends LocalDirectLine {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: (line: string) => void;
}

/**
 * Direct Line 3.0 without a cloud account, polling only (what Web Chat's DirectLineJS calls with
 * webSocket: false). Each posted activity goes through the same CloudAdapter and bot as /api/messages; the
 * bot's replies are appended to the conversation's log in process. Clients see activities only through
 * `clientView` (an allow-list of fields). Auth: the adapter must run in local mode (no
 * MicrosoftAppId); clients hold per-conversation random tokens checked on every call.
 */
export function registerLocalDirectLine({
  server,
  adapter,
  bot,
  conversations,
  clients,
  trustedProxies,
  log,
}: LocalDirectLineOptions): void {
  /**
   * The bot's replies go straight into the conversation's log, in this process: there is no HTTP door for
   * them (a connector URL would be one more secret a client could learn and then write as the bot). The
   * adapter still wants a serviceUrl to make its (unused) client; `.invalid` never resolves, so a send that
   * took another way would fail rather than reach anybody.
   */
  const deliver = async (conversation: LocalConversation, activity: Partial<Activity>) => {
    const incoming = {
      ...activity,
      channelId: 'directline',
      serviceUrl: IN_PROCESS_SERVICE_URL,
      conversation: { id: conversation.id },
      recipient: BOT_ACCOUNT,
    } as Activity;
    let refusal: unknown;
    const toLog = async (_conversationId: string, reply: Partial<Activity>): Promise<ResourceResponse> => {
      try {
        return { id: await conversations.append(conversation, clientView(reply)) };
      } catch (error) {
        refusal ??= error;
        throw error;
      }
    };
    const connector = {
      conversations: {
        sendToConversation: toLog,
        replyToActivity: (id: string, _replyToId: string, reply: Partial<Activity>) => toLog(id, reply),
      },
    };
    try {
      await adapter.processActivityDirect('', incoming, (context) => {
        context.turnState.set(context.adapter.ConnectorClientKey, connector);
        return bot.run(context);
      });
    } catch (error) {
      // The log's own refusal (too long, the client's share used up) says more than the adapter's wrapper.
      throw refusal ?? error;
    }
  };

  // Every client call counts against the client's budget.
  const handle =
    (route: (req: restify.Request, res: restify.Response) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response) => {
      try {
        await clients.request(clientAddress(req, trustedProxies));
        await route(req, res);
      } catch (error) {
        if (!(error instanceof DirectLineError)) log(`direct line: ${(error as Error).name}`);
        sendError(res, error);
      }
    };

  // Start: the first call tells the bot the user joined (its welcome); later calls just return the conversation.
  server.post(
    `${LOCAL_DIRECT_LINE_PATH}/conversations`,
    handle(async (req, res) => {
      const conversation = await conversations.authorize(bearerToken(req));
      if (await conversations.start(conversation)) {
        const locale = startSchema.parse(req.body)?.locale;
        await deliver(conversation, {
          type: 'conversationUpdate',
          from: conversation.user,
          locale,
          membersAdded: [BOT_ACCOUNT, conversation.user],
        });
      }
      res.send(201, {
        conversationId: conversation.id,
        token: bearerToken(req),
        expires_in: TOKEN_LIFETIME_SECONDS,
      });
    }),
  );

  // Reconnect (a reload of the page): the same conversation, with its history.
  server.get(
    `${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId`,
    handle(async (req, res) => {
      const conversation = await conversations.authorize(bearerToken(req), String(req.params.conversationId));
      res.send(200, {
        conversationId: conversation.id,
        token: bearerToken(req),
        expires_in: TOKEN_LIFETIME_SECONDS,
      });
    }),
  );

  server.post(
    `${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    handle(async (req, res) => {
      const conversation = await conversations.authorize(bearerToken(req), String(req.params.conversationId));
      const parsed = clientActivitySchema.safeParse(req.body);
      if (!parsed.success) throw new DirectLineError(400, 'BadArgument', 'Not a valid activity.');
      if (Buffer.byteLength(JSON.stringify(parsed.data)) > MAX_CLIENT_ACTIVITY_BYTES) {
        throw new DirectLineError(413, 'MessageSizeTooBig', 'The activity is too large.');
      }
      // The user is who the token says, whatever the client claims.
      const activity = { ...parsed.data, from: conversation.user } as Partial<Activity>;
      const id = await conversations.append(conversation, clientView(activity));
      await deliver(conversation, { ...activity, id });
      res.send(200, { id });
    }),
  );

  server.get(
    `${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    handle(async (req, res) => {
      const conversation = await conversations.authorize(bearerToken(req), String(req.params.conversationId));
      const watermark = watermarkSchema.safeParse(
        new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? '',
      );
      if (!watermark.success) throw new DirectLineError(400, 'BadArgument', 'Not a valid watermark.');
      res.send(200, await conversations.since(conversation, watermark.data));
    }),
  );

  server.post(
    `${LOCAL_DIRECT_LINE_PATH}/tokens/refresh`,
    handle(async (req, res) => {
      res.send(200, await conversations.refresh(bearerToken(req)));
    }),
  );
}
