import { routeConsoleToLogger } from '../../src/observability/libraryLogs';
import { createLogger } from '../../src/observability/logger';
import { startSecurityServer, type SecurityServer } from './securityServer';

/**
 * Finding 7 of the attack round: lines the libraries write themselves (restify's logger, botbuilder's
 * console.error) go through the one masking logger like every other line.
 */
const TOKEN = 'dl-token-Xq7Vb2Lm9Pz4Rt8Kw3Ns6Jh1';
let server: SecurityServer;

afterEach(() => server.close());

test('restify logs a request it cannot answer through the masking logger: no bearer token, no contract number', async () => {
  // A route answering plain text: a client accepting only images makes restify log the request.
  server = await startSecurityServer({}, undefined, (restify) =>
    restify.get('/plain/:id', async (_req, res) => {
      res.send('plain');
    }),
  );
  await fetch(`${server.url}/plain/KPT12345678?t=${TOKEN}`, {
    headers: { accept: 'image/png', authorization: `Bearer ${TOKEN}` },
  });
  const lines = server.log.filter((line) => line.includes('"source":"restify"'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('/plain/KPT******78');
  expect(lines.join('\n')).not.toContain(TOKEN);
});

test('a reply the channel could not take: one line, no stack, no conversation id', async () => {
  server = await startSecurityServer({ LOCAL_CHANNEL_URLS: 'http://127.0.0.1:9' });
  routeConsoleToLogger(createLogger({ level: 'warn', sink: (line) => server.log.push(line) }));
  const activity = {
    type: 'message',
    id: 'a1',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'KPT10000003-in-the-id' },
    from: { id: 'user' },
    recipient: { id: 'bot' },
    locale: 'de-CH',
    text: 'hallo',
  };
  await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(server.log.filter((line) => line.includes('reply not delivered'))).toHaveLength(1);
  expect(server.log.join('\n')).not.toMatch(/KPT ?\d{8}|"stack"|at .*\.js:\d+/);
});
