import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type restify from 'restify';
import { loadConfig } from '../../src/config';
import { HelpBot } from '../../src/bot/helpBot';
import { createLogger } from '../../src/observability/logger';
import { createAdapter } from '../../src/server/adapter';
import { LocalConversations, TOKEN_LIFETIME_SECONDS } from '../../src/server/directLine/conversations';
import { createHttpServer } from '../../src/server/httpServer';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { defaultServices, ui } from '../helpers/conversation';
import { offlineActionDependencies } from '../helpers/backendDown';

interface Started {
  url: string;
  log: string[];
  close(): Promise<void>;
}

/** The bot's HTTP server with the widget, on a free port, configured by `env`. */
async function startServer(env: Record<string, string> = {}): Promise<Started> {
  const config = loadConfig(env);
  const services = defaultServices();
  const log: string[] = [];
  const server: restify.Server = createHttpServer({
    adapter: createAdapter(
      config,
      services.translator,
      createLogger({ level: 'error', sink: (line) => log.push(line) }),
    ),
    bot: new HelpBot(services, new ConversationState(new MemoryStorage())),
    downloads: offlineActionDependencies().links,
    translator: services.translator,
    widget: { config, log: (line) => log.push(line) },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Grant {
  token: string;
  conversationId: string;
  domain: string;
  expiresIn: number;
}

type Activity = {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  attachments?: unknown[];
};

/** A Web Chat-like client of the local Direct Line. */
class Client {
  constructor(
    readonly grant: Grant,
    public token = grant.token,
  ) {}

  private request(method: string, suffix: string, body?: unknown, token = this.token) {
    return fetch(`${this.grant.domain}${suffix}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  start(locale?: string, token?: string) {
    return this.request('POST', '/conversations', { locale }, token);
  }

  post(activity: Record<string, unknown>, token?: string) {
    return this.request('POST', `/conversations/${this.grant.conversationId}/activities`, activity, token);
  }

  async read(watermark = '', token?: string): Promise<{ activities: Activity[]; watermark: string }> {
    const response = await this.request(
      'GET',
      `/conversations/${this.grant.conversationId}/activities?watermark=${watermark}`,
      undefined,
      token,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as { activities: Activity[]; watermark: string };
  }
}

async function newClient(url: string): Promise<Client> {
  const response = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
  expect(response.status).toBe(200);
  return new Client((await response.json()) as Grant);
}

const texts = (activities: Activity[]) => activities.map((a) => a.text ?? '').join('\n');

describe('the local Direct Line (no cloud account)', () => {
  let server: Started;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test('the token endpoint gives a token for a new conversation on this server', async () => {
    const client = await newClient(server.url);
    expect(client.grant.domain).toBe(`${server.url}/v3/directline`);
    expect(client.grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client.grant.expiresIn).toBe(TOKEN_LIFETIME_SECONDS);
  });

  test('starting the conversation welcomes the user once, in the locale the client starts with', async () => {
    const client = await newClient(server.url);

    const started = await client.start('it-CH');
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ conversationId: client.grant.conversationId });
    expect((await client.start('it-CH')).status).toBe(201);

    const { activities } = await client.read();
    const greeting = ui('it', 'welcome.greeting', { brand: 'CPT' });
    expect(texts(activities).split(greeting)).toHaveLength(2);
    expect(activities.every((a) => a.from.role === 'bot')).toBe(true);
  });

  test('a posted message is echoed as the token’s user and answered; the watermark gives only what is new', async () => {
    const client = await newClient(server.url);
    await client.start('de-CH');
    const { watermark } = await client.read();

    const posted = await client.post({
      type: 'message',
      text: defaultServices().faq.current().entry('online-discount')!.text.de.question,
      locale: 'de-CH',
      from: { id: 'someone-else', role: 'user' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };

    const next = await client.read(watermark);
    const [echo, ...replies] = next.activities;
    expect(echo).toMatchObject({ id, type: 'message', channelData: { clientActivityID: 'client-1' } });
    expect(echo.from.id).toMatch(/^dl_/);
    expect(texts(replies)).toContain(
      defaultServices().faq.current().entry('online-discount')!.text.de.answer,
    );
    expect((await client.read(next.watermark)).activities).toEqual([]);
  });

  test('a client sees only the fields Web Chat needs: no serviceUrl, no way to write as the bot', async () => {
    const victim = await newClient(server.url);
    const attacker = await newClient(server.url);
    await victim.start('de-CH');
    await attacker.start('de-CH');
    await attacker.post({ type: 'message', text: 'Online-Rabatt', channelData: { clientActivityID: 'c1' } });

    const { activities } = await attacker.read();
    const allowed = ['id', 'timestamp', 'type', 'from', 'text', 'textFormat', 'locale', 'speak', 'inputHint']
      .concat([
        'attachments',
        'attachmentLayout',
        'suggestedActions',
        'entities',
        'replyToId',
        'name',
        'value',
      ])
      .concat(['channelData']);
    for (const activity of activities) {
      expect(Object.keys(activity).filter((key) => !allowed.includes(key))).toEqual([]);
    }
    expect(JSON.stringify(activities)).not.toMatch(/serviceUrl|local-connector|127\.0\.0\.1/);

    // The old connector door (its path was leaked in serviceUrl) is gone: nothing writes into a log but the bot.
    const before = (await victim.read()).activities.length;
    const forged = await fetch(
      `${server.url}/local-connector/x/v3/conversations/${victim.grant.conversationId}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'Passwort hier eingeben: http://evil.example' }),
      },
    );
    expect(forged.status).toBe(404);
    expect((await victim.read()).activities).toHaveLength(before);
  });

  test('every call checks the token: none, a wrong one or another conversation’s gets 403', async () => {
    const mine = await newClient(server.url);
    const other = await newClient(server.url);
    await mine.start();

    for (const token of ['', 'not-a-token', other.grant.token]) {
      const response = await mine.post({ type: 'message', text: 'hallo' }, token);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.objectContaining({ code: 'TokenInvalid' }) });
    }
    const reading = await fetch(
      `${mine.grant.domain}/conversations/${mine.grant.conversationId}/activities?watermark=`,
      { headers: { authorization: `Bearer ${other.grant.token}` } },
    );
    expect(reading.status).toBe(403);
  });

  test('an activity that is not one refuses with 400', async () => {
    const client = await newClient(server.url);
    await client.start();
    expect((await client.post({ type: 'invoke', name: 'x' })).status).toBe(400);
    expect((await client.post({ type: 'message', text: 42 })).status).toBe(400);
  });

  test('a refreshed token opens the same conversation; reconnecting returns it with its history', async () => {
    const client = await newClient(server.url);
    await client.start('fr-CH');
    const refreshed = await fetch(`${client.grant.domain}/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.grant.token}` },
    });
    expect(refreshed.status).toBe(200);
    const { token, conversationId } = (await refreshed.json()) as { token: string; conversationId: string };
    expect(conversationId).toBe(client.grant.conversationId);
    expect(token).not.toBe(client.grant.token);

    const reconnect = await fetch(`${client.grant.domain}/conversations/${conversationId}?watermark=`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reconnect.status).toBe(200);
    expect(texts((await client.read('', token)).activities)).toContain(
      ui('fr', 'welcome.greeting', { brand: 'CPT' }),
    );
  });

  test('the widget’s strings come from the locales, per language', async () => {
    for (const lang of ['de', 'fr', 'it'] as const) {
      const response = await fetch(`${server.url}/api/webchat/strings/${lang}`);
      expect(await response.json()).toMatchObject({
        launcher: ui(lang, 'widget.launcher'),
        title: ui(lang, 'widget.title'),
        close: ui(lang, 'widget.close'),
      });
    }
    expect((await fetch(`${server.url}/api/webchat/strings/en`)).status).toBe(404);
  });

  test('the widget, its demo page and Web Chat’s bundle are served', async () => {
    for (const [route, type] of [
      ['/', 'text/html'],
      ['/widget.js', 'text/javascript'],
      ['/widget.css', 'text/css'],
      ['/vendor/webchat.js', 'text/javascript'],
    ]) {
      const response = await fetch(server.url + route);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
    }
  });
});

describe('tokens: lifetime and limits', () => {
  test('a token stops working when it expires', async () => {
    const clock = { now: 0 };
    const conversations = new LocalConversations({ now: () => clock.now });
    const { token, conversationId } = await conversations.create();
    await conversations.start(await conversations.authorize(token, conversationId));
    expect((await conversations.authorize(token, conversationId)).id).toBe(conversationId);
    clock.now += TOKEN_LIFETIME_SECONDS * 1000;
    await expect(conversations.authorize(token, conversationId)).rejects.toThrow(/Token not valid/);
  });
});

describe('cross-origin embedding', () => {
  let server: Started;
  beforeAll(async () => {
    server = await startServer({ WIDGET_ORIGINS: 'https://www.example.ch' });
  });
  afterAll(() => server.close());

  const preflight = (origin: string) =>
    fetch(`${server.url}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });

  test('a listed site may call the token endpoint and Direct Line; others get no CORS permission', async () => {
    const allowed = await preflight('https://www.example.ch');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.example.ch');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');

    const token = await fetch(`${server.url}/api/webchat/token`, {
      method: 'POST',
      headers: { origin: 'https://evil.example.com' },
    });
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('with Azure Bot Service (DIRECT_LINE_SECRET)', () => {
  const SECRET = 'direct-line-secret-value-never-in-the-browser';
  const AZURE = 'https://europe.directline.botframework.com';
  let server: Started;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startServer({
      DIRECT_LINE_SECRET: SECRET,
      DIRECT_LINE_ENDPOINT: `${AZURE}/v3/directline`,
      MicrosoftAppId: '5f0c2a4e-1111-4a2b-9c3d-123456789abc',
      MicrosoftAppPassword: 'app-password',
    });
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await server.close();
  });

  test('the token endpoint exchanges the secret server-side and hands out only the token', async () => {
    let sentUser: unknown;
    const azure = nock(AZURE, { reqheaders: { authorization: `Bearer ${SECRET}` } })
      .post('/v3/directline/tokens/generate', (body: { user?: { id?: string } }) => {
        sentUser = body.user?.id;
        return true;
      })
      .reply(200, { conversationId: 'azure-conversation', token: 'azure-token', expires_in: 3600 });

    const response = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });

    expect(azure.isDone()).toBe(true);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain(SECRET);
    expect(JSON.parse(body)).toEqual({
      token: 'azure-token',
      conversationId: 'azure-conversation',
      userId: sentUser,
      expiresIn: 3600,
      domain: `${AZURE}/v3/directline`,
    });
    expect(sentUser).toMatch(/^dl_/);
  });

  test('when Azure refuses, the browser gets 502 and neither the secret nor Azure’s answer', async () => {
    nock(AZURE)
      .post('/v3/directline/tokens/generate')
      .reply(403, { error: { code: 'BadArgument', message: SECRET } });

    const response = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });

    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(SECRET);
    expect(server.log.join('\n')).not.toContain(SECRET);
    expect(server.log.join('\n')).toContain('HTTP 403');
  });

  test('the local Direct Line is off: Web Chat talks to Azure', async () => {
    const response = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});
