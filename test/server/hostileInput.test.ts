import type { Activity } from 'botbuilder';
import type restify from 'restify';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';
import { textOf } from '../helpers/activities';
import { ui } from '../helpers/conversation';
import { FakeChannel, listen } from '../helpers/http';
import { captureLogs } from '../helpers/logs';

/**
 * Broken and hostile requests to /api/messages (local mode): each gets a defined answer in the user's
 * language or a 4xx — never a crash, a 5xx or an unhandled rejection.
 */
const channel = new FakeChannel();
const logs = captureLogs();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let app: Application;
let server: restify.Server;
let botUrl: string;
let channelUrl: string;
let conversations = 0;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const config = loadConfig({ SANDBOX_PORT: '0', MESSAGES_PER_MINUTE: '5' });
  app = await createApplication(config, { sandboxLog: () => undefined, logger: logs.logger });
  channelUrl = await channel.start();
  server = createHttpServer({
    adapter: createAdapter(config, app.services.translator, app.logger),
    bot: app.bot,
    downloads: app.downloads,
    translator: app.services.translator,
    maxBodySize: 64 * 1024,
    localChannels: [channelUrl],
  });
  botUrl = await listen(server.server);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await channel.close();
  await app.close();
  process.off('unhandledRejection', onUnhandled);
});

beforeEach(() => {
  logs.lines.length = 0;
});

afterEach(() => {
  expect(unhandled).toEqual([]);
  // Nothing failed inside a turn either.
  expect(logs.entries().filter((entry) => entry.msg === 'turn failed')).toEqual([]);
});

function activity(fields: Record<string, unknown>, conversationId = `hostile-${(conversations += 1)}`) {
  return {
    type: 'message',
    channelId: 'test',
    serviceUrl: channelUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1' },
    recipient: { id: 'bot-1' },
    locale: 'fr-CH',
    ...fields,
  };
}

async function post(body: string, contentType = 'application/json'): Promise<number> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** Posts an activity and returns the texts the bot sent back to the channel for its conversation. */
async function exchange(fields: Record<string, unknown>, conversationId?: string): Promise<string[]> {
  const body = activity(fields, conversationId);
  const before = channel.received.length;
  expect(await post(JSON.stringify(body))).toBeLessThan(300);
  return channel.received
    .slice(before)
    .filter((r) => r.path.includes(`/conversations/${body.conversation.id}/`))
    .map((r) => textOf(r.body as Partial<Activity>));
}

const fr = (key: string, options?: Record<string, unknown>) => ui('fr', key, options);

describe('requests the adapter cannot read get a 4xx', () => {
  test.each([
    ['malformed JSON', '{"type": "message", "text": '],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"hello"'],
    ['no activity type', JSON.stringify({ text: 'hi', conversation: { id: 'x' } })],
    ['an activity type that is not a string', JSON.stringify({ type: 5, text: 'hi' })],
    ['a conversation that is not an object', JSON.stringify({ type: 'message', conversation: 'x' })],
    [
      'no channel and no serviceUrl',
      JSON.stringify({ type: 'message', text: 'hi', conversation: { id: 'c' } }),
    ],
    [
      'a serviceUrl that is not a URL',
      JSON.stringify({ ...activity({}), serviceUrl: 'javascript:alert(1)' }),
    ],
  ])('%s', async (_case, body) => {
    const status = await post(body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  test('a body declared in another charset than UTF-8: 415, not read as UTF-8', async () => {
    const body = JSON.stringify(activity({ text: 'Grüezi' }));
    for (const charset of ['iso-8859-1', 'utf-16le', 'windows-1252', '"latin1"']) {
      expect(await post(body, `application/json; charset=${charset}`)).toBe(415);
    }
    expect(await post(body, 'application/json; charset=UTF-8')).toBeLessThan(300);
    expect(await post(body, 'application/json;charset="utf-8"')).toBeLessThan(300);
  });

  test('bytes that are not UTF-8: 400, not stored as replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from(JSON.stringify(activity({ text: 'x' })).slice(0, -2)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body is not valid UTF-8' });
  });

  test('a body larger than the limit: 413', async () => {
    expect(await post(JSON.stringify(activity({ text: 'x'.repeat(70 * 1024) })))).toBe(413);
  });

  test('an unknown path or method: 404 / 405 with a fixed message, never the path or method echoed', async () => {
    const marker = '%3Cscript%3Ealert(1)%3C/script%3E';
    for (const [url, method, status, message] of [
      [`${botUrl}/${marker}`, 'GET', 404, 'not found'],
      [`${botUrl}/v3/directline/conversations/%ff%fe/x${'a'.repeat(3000)}`, 'GET', 404, 'not found'],
      [`${botUrl}/healthz?${marker}`, 'DELETE', 405, 'method not allowed'],
    ] as const) {
      const response = await fetch(url, { method });
      expect(response.status).toBe(status);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await response.json()) as { error: string };
      expect(body).toEqual({ error: message });
      expect(JSON.stringify(body)).not.toMatch(/script|%ff|aaaa|DELETE/i);
    }
  });
});

describe('odd activities get a defined answer', () => {
  test('an unknown activity type is acknowledged and ignored', async () => {
    expect(await exchange({ type: 'somethingNew', text: 'hi' })).toEqual([]);
  });

  test('empty text, only whitespace, only control characters', async () => {
    for (const text of ['', '   \n\t ', '\u0000\u0007\u001b\u200b\u202e']) {
      expect(await exchange({ text })).toEqual([fr('input.empty')]);
    }
  });

  test('attachments only', async () => {
    const attachments = [{ contentType: 'image/png', contentUrl: 'https://example.com/a.png' }];
    expect(await exchange({ attachments })).toEqual([fr('input.attachment')]);
  });

  test('a message beyond 2,000 characters, also in astral Unicode', async () => {
    expect(await exchange({ text: 'a'.repeat(2001) })).toEqual([fr('input.tooLong', { max: 2000 })]);
    expect(await exchange({ text: '🇨🇭'.repeat(600) })).toEqual([fr('input.tooLong', { max: 2000 })]);
  });

  test('huge and strange Unicode within the limit still gets an answer', async () => {
    const texts = [
      'Z̸̢̛̪͎a̵̡̛͓l̷̨̛g̶̢̛o̵̢̧' + '\u0301'.repeat(500),
      '\u202e\u2066 mot de passe oublié \u2069',
      '\ud800 lone surrogate \udfff',
      '😀'.repeat(900),
    ];
    for (const text of texts) {
      const replies = await exchange({ text });
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.join('')).not.toBe('');
    }
  });

  test('a button value of the wrong shape', async () => {
    expect(await exchange({ value: { kind: 'nothing', id: { $gt: '' } } })).toEqual([
      fr('input.unknownButton'),
    ]);
  });
});

describe('invoke activities (Teams card actions) with values of any shape', () => {
  /** Posts an invoke and returns the HTTP status and body the caller (Teams) reads. */
  async function invoke(name: string, value: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity({ type: 'invoke', name, value, id: 'invoke-1' })),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  test.each([
    ['an empty value', {}],
    ['no value', undefined],
    ['a string', 'x'],
    ['an action of the wrong type', { action: { type: 'Action.Submit' } }],
    ['a verb that is a number', { action: { type: 'Action.Execute', verb: 5 } }],
    [
      'data that is a 30,000-character string',
      { action: { type: 'Action.Execute', data: 'x'.repeat(30_000) } },
    ],
    ['nested junk', { action: [[[{ type: null }]]], trigger: { $gt: '' } }],
  ])(
    'adaptiveCard/action with %s: a 400 card error in the user’s language, no stack in the log',
    async (_, value) => {
      const before = channel.received.length;
      const { status, body } = await invoke('adaptiveCard/action', value);
      expect(status).toBe(400);
      expect(body).toEqual({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: fr('input.unknownButton') },
      });
      expect(channel.received.length).toBe(before);
      expect(logs.lines.join('\n')).not.toMatch(/TypeError|"stack"/);
    },
  );

  test('a well-formed Action.Execute (the bot sends none): the card shows that the button is no longer valid', async () => {
    const { status, body } = await invoke('adaptiveCard/action', {
      action: { type: 'Action.Execute', verb: 'refresh', data: { kind: 'faq', id: 'x' } },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: fr('input.unknownButton'),
    });
  });

  test.each(['composeExtension/submitAction', 'fileConsent/invoke', 'task/fetch', 'signin/verifyState'])(
    '%s (a feature the bot does not offer) with null or junk values: 501, no stack in the log',
    async (name) => {
      for (const value of [null, {}, 5, 'x', { action: 5 }]) {
        expect((await invoke(name, value)).status).toBe(501);
      }
      expect(logs.lines.join('\n')).not.toMatch(/TypeError|"stack"/);
    },
  );
});

test('more messages than allowed per minute in one conversation get a polite "slow down"', async () => {
  const id = 'hostile-flood';
  for (let i = 0; i < 5; i += 1) {
    expect(await exchange({ text: 'Bonjour' }, id)).not.toContain(fr('errors.slowDown'));
  }
  expect(await exchange({ text: 'Bonjour' }, id)).toEqual([fr('errors.slowDown')]);
  // Another conversation is not affected.
  expect(await exchange({ text: 'Bonjour' })).not.toContain(fr('errors.slowDown'));
});
