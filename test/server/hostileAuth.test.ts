import type { ActivityHandler } from 'botbuilder';
import nock from 'nock';
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import type restify from 'restify';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { createChannelAuth } from '../../src/server/channelAuth';
import { createHttpServer } from '../../src/server/httpServer';
import { listen } from '../helpers/http';
import { captureLogs } from '../helpers/logs';

/**
 * With MicrosoftAppId set, /api/messages admits only requests carrying a valid Bot Framework token. No
 * network: the Bot Framework's key endpoint is faked with nock, and every other host is refused.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const OPENID_HOST = 'https://login.botframework.com';
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let app: Application;
let server: restify.Server;
let url: string;
let turns = 0;
let keyDownloads = 0;
const logs = captureLogs();

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const config = loadConfig({ SANDBOX_PORT: '0', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' });
  app = await createApplication(config, { sandboxLog: () => undefined, logger: logs.logger });
  const bot = { run: async () => void (turns += 1) } as unknown as ActivityHandler;
  server = createHttpServer({
    adapter: createAdapter(config, app.services.translator, app.logger),
    bot,
    downloads: app.downloads,
    translator: app.services.translator,
    channelAuth: createChannelAuth(config, app.logger),
  });
  url = `${await listen(server.server)}/api/messages`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

afterEach(() => nock.cleanAll());

const now = Math.floor(Date.now() / 1000);
const claims = {
  iss: 'https://api.botframework.com',
  aud: APP_ID,
  exp: now + 3600,
  nbf: now - 60,
  serviceurl: 'https://smba.trafficmanager.net/emea/',
};
const activity = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: claims.serviceurl,
  conversation: { id: 'c1' },
  from: { id: 'u1' },
  recipient: { id: 'b1' },
  text: 'Hallo',
};

function rs256Token(body: object, kid = 'some-key'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signed = `${base64({ alg: 'RS256', typ: 'JWT', kid })}.${base64(body)}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(privateKey).toString('base64url')}`;
}

async function post(authorization?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(activity) });
  await response.arrayBuffer();
  return response.status;
}

/** The Bot Framework's OpenID endpoint, counting downloads; `keys` is what its key set holds. */
function fakeKeyEndpoint(keys: object[]): void {
  nock(OPENID_HOST)
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(() => {
      keyDownloads += 1;
      return [200, { issuer: claims.iss, jwks_uri: `${OPENID_HOST}/v1/.well-known/keys` }];
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys });
}

describe.each([
  ['no Authorization header', undefined],
  ['a token that is not a JWT', 'Bearer not-a-token'],
  ['an unsigned token (alg "none")', `Bearer ${base64({ alg: 'none', typ: 'JWT' })}.${base64(claims)}.`],
  [
    'a token signed with a shared secret (HS256)',
    (() => {
      const signed = `${base64({ alg: 'HS256', typ: 'JWT', kid: 'k' })}.${base64(claims)}`;
      return `Bearer ${signed}.${createHmac('sha256', 'guess').update(signed).digest('base64url')}`;
    })(),
  ],
  ['an expired token', `Bearer ${rs256Token({ ...claims, exp: now - 3600 })}`],
])('%s', (_case, authorization) => {
  test('gets 401 before any key download and reaches no bot code', async () => {
    fakeKeyEndpoint([]);
    expect(await post(authorization)).toBe(401);
    expect(keyDownloads).toBe(0);
    expect(turns).toBe(0);
  });
});

test('a well-formed token while the key endpoint fails: 401 (fail closed, the adapter alone says 500)', async () => {
  nock(OPENID_HOST).persist().get(/.*/).reply(503, 'Service Unavailable');
  expect(await post(`Bearer ${rs256Token(claims)}`)).toBe(401);
  expect(turns).toBe(0);
});

test('a well-formed token signed by a key the Bot Framework does not publish: 401, no bot code', async () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fakeKeyEndpoint([{ ...publicKey.export({ format: 'jwk' }), kid: 'published-key', use: 'sig' }]);
  expect(await post(`Bearer ${rs256Token(claims, 'unknown-key')}`)).toBe(401);
  expect(keyDownloads).toBe(1);
  expect(turns).toBe(0);
  // The refusal is logged without the token.
  const refused = logs.lines.filter((line) => line.includes('refused (401)'));
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.join('\n')).not.toMatch(/eyJ/);
});
