import { createServer, type Server } from 'node:http';
import nock from 'nock';
import { FakeChannel, listen } from '../helpers/http';
import {
  directLine,
  startSecurityServer,
  widgetToken,
  type SecurityServer,
  type WidgetGrant,
} from './securityServer';

/**
 * Finding 3: without Bot Framework credentials /api/messages was an open proxy (replies to any serviceUrl,
 * the channel's error text echoed back) and a way into the widget's conversations. Now it is the
 * Emulator's door on this machine only.
 */
const channel = new FakeChannel();
let server: SecurityServer;
let proxied: SecurityServer;
let channelUrl: string;
let conversations = 0;

beforeAll(async () => {
  channelUrl = await channel.start();
  server = await startSecurityServer({ LOCAL_CHANNEL_URLS: channelUrl });
  // Behind one reverse proxy: X-Forwarded-For names the real caller.
  proxied = await startSecurityServer({ TRUST_PROXY: '1', LOCAL_CHANNEL_URLS: channelUrl });
});

afterAll(async () => {
  await Promise.all([server.close(), proxied.close(), channel.close()]);
  nock.cleanAll();
});

function activity(fields: Record<string, unknown> = {}) {
  conversations += 1;
  return {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: channelUrl,
    conversation: { id: `open-${conversations}` },
    from: { id: 'user' },
    recipient: { id: 'bot' },
    locale: 'de-CH',
    text: 'Wie bestelle ich einen Zusatzcode?',
    ...fields,
  };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

test('the Emulator on this machine is still answered', async () => {
  const body = activity();
  expect((await post(server.url, body)).status).toBe(200);
  await channel.waitFor((r) => r.path.includes(`/conversations/${body.conversation.id}/`));
});

test('a serviceUrl elsewhere is refused (403) and never called', async () => {
  const elsewhere = nock('http://collaborator.example.com').post(/.*/).reply(200, {}).persist();
  const response = await post(server.url, activity({ serviceUrl: 'http://collaborator.example.com/' }));
  expect(response.status).toBe(403);
  expect(elsewhere.isDone()).toBe(false);
});

test('another port of this machine (not in LOCAL_CHANNEL_URLS) is refused (403) and never called', async () => {
  const other = new FakeChannel();
  const otherUrl = await other.start();
  try {
    for (const serviceUrl of [otherUrl, otherUrl.replace('127.0.0.1', 'localhost'), 'http://[::1]:6379/']) {
      const response = await post(server.url, activity({ serviceUrl }));
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/LOCAL_CHANNEL_URLS/);
    }
    expect(other.received).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a caller on another machine (behind the trusted proxy) is refused (403)', async () => {
  const body = activity();
  const response = await post(proxied.url, body, { 'x-forwarded-for': '203.0.113.7' });
  expect(response.status).toBe(403);
  // The same request from this machine through the proxy is the Emulator's.
  expect((await post(proxied.url, activity(), { 'x-forwarded-for': '127.0.0.1' })).status).toBe(200);
  expect(channel.received.some((r) => r.path.includes(`/conversations/${body.conversation.id}/`))).toBe(
    false,
  );
});

test('a conversation of the widget’s Direct Line cannot be continued through /api/messages', async () => {
  const grant = (await (await widgetToken(server.url)).json()) as WidgetGrant;
  expect((await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' })).status).toBe(201);
  for (const channelId of ['directline', 'emulator', 'webchat']) {
    const response = await post(
      server.url,
      activity({ channelId, conversation: { id: grant.conversationId } }),
    );
    expect(response.status).toBe(403);
  }
  expect(channel.received.some((r) => r.path.includes(grant.conversationId))).toBe(false);
});

describe('a channel that fails: its answer never reaches the caller, one log line, no retries', () => {
  let failing: Server;
  let failingUrl: string;
  let closedUrl: string;
  let failingServer: SecurityServer;
  let requestsToFailing = 0;
  const SECRET_BODY = 'internal-service-body-7f3a';
  beforeAll(async () => {
    failing = createServer((req, res) => {
      requestsToFailing += 1;
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(SECRET_BODY);
    });
    failingUrl = await listen(failing);
    const closed = createServer();
    closedUrl = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    failingServer = await startSecurityServer({ LOCAL_CHANNEL_URLS: `${failingUrl},${closedUrl}` });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => failing.close(() => resolve()));
    await failingServer.close();
  });
  beforeEach(() => {
    failingServer.log.length = 0;
  });

  /** The log says once which channel failed and how; no stack, no conversation id, no error text. */
  function expectOneQuietLine(channel: string) {
    const lines = failingServer.log.filter((line) => line.includes('reply not delivered'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ channel });
    expect(failingServer.log.join('\n')).not.toMatch(/"stack"|RestError|open-\d+|internal-service-body/);
  }

  test('a 500 with a body: 502, tried once', async () => {
    const response = await post(failingServer.url, activity({ serviceUrl: failingUrl }));
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(SECRET_BODY);
    expect(requestsToFailing).toBe(1);
    expectOneQuietLine(failingUrl);
  });

  test('a port where nothing listens: 502, one quiet line', async () => {
    const response = await post(failingServer.url, activity({ serviceUrl: closedUrl }));
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(text).not.toMatch(/ECONNREFUSED|connect|127\.0\.0\.1/i);
    const [line] = failingServer.log.filter((entry) => entry.includes('reply not delivered'));
    expect(JSON.parse(line!)).toMatchObject({ reason: 'ECONNREFUSED' });
    expectOneQuietLine(closedUrl);
  });
});
