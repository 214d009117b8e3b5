import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readiness } from '../../src/server/readiness';
import { createShutdown } from '../../src/server/shutdown';
import { captureLogs } from '../helpers/logs';
import {
  directLine,
  startSecurityServer,
  widgetToken,
  type SecurityServer,
  type WidgetGrant,
} from './securityServer';

/** The low findings of the attack round that this server owns (CSP and the stale lock are tested elsewhere). */
describe('the widget token never reflects the Host header', () => {
  let server: SecurityServer;
  let configured: SecurityServer;
  beforeAll(async () => {
    server = await startSecurityServer();
    configured = await startSecurityServer({ PUBLIC_URL: 'https://bot.example.ch' });
  });
  afterAll(async () => Promise.all([server.close(), configured.close()]));

  const domainFor = async (url: string, host: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(`${url}/api/webchat/token`, { method: 'POST', headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve((JSON.parse(body) as WidgetGrant).domain));
      });
      req.on('error', reject);
      req.end();
    });

  test('a foreign Host gets this server’s own address', async () => {
    const domain = await domainFor(server.url, 'evil.example.com');
    expect(domain).not.toContain('evil');
    expect(domain).toBe('http://localhost:3978/v3/directline');
  });

  test('with PUBLIC_URL, always PUBLIC_URL', async () => {
    expect(await domainFor(configured.url, 'evil.example.com')).toBe('https://bot.example.ch/v3/directline');
  });
});

test('deeply nested JSON is refused at intake, and the conversation’s history stays readable', async () => {
  const server = await startSecurityServer();
  try {
    const grant = (await (await widgetToken(server.url)).json()) as WidgetGrant;
    await directLine(grant, 'POST', '/conversations', { locale: 'de-CH' });
    const path = `/conversations/${grant.conversationId}/activities`;
    // 40,000 levels: within the size limit, and too deep for JSON.stringify when the history is read.
    const value = `${'{"v":'.repeat(40_000)}1${'}'.repeat(40_000)}`;
    const posted = await fetch(`${grant.domain}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
      body: `{"type":"message","text":"hallo","value":${value}}`,
    });
    expect(posted.status).toBe(400);
    expect((await directLine(grant, 'GET', path)).status).toBe(200);
  } finally {
    await server.close();
  }
});

describe('/metrics', () => {
  const TOKEN = 'metrics-token-of-some-length';
  let open: SecurityServer;
  let guarded: SecurityServer;
  beforeAll(async () => {
    open = await startSecurityServer({ TRUST_PROXY: '1' });
    guarded = await startSecurityServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => Promise.all([open.close(), guarded.close()]));

  test('without METRICS_TOKEN: callers on this machine only', async () => {
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    const remote = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(remote.status).toBe(401);
  });

  test('with METRICS_TOKEN: the bearer token and nothing else', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# HELP');
  });
});

test('while draining after SIGTERM, answers carry Connection: close (keep-alive clients reconnect elsewhere)', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req, res) => {
    req.resume();
    void held.then(() => res.end('done'));
  });
  const shutdown = createShutdown({
    server,
    readiness: new Readiness({}),
    closeApplication: async () => undefined,
    logger: captureLogs().logger,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const answer = new Promise<string | undefined>((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', path: '/', headers: { connection: 'keep-alive' } },
      (res) => {
        res.resume();
        resolve(res.headers.connection);
      },
    );
    req.on('error', reject);
    req.end();
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const done = shutdown();
  release();
  expect(await answer).toBe('close');
  expect(await done).toBe(true);
});
