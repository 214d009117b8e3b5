import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import {
  BackendClient,
  BackendError,
  type BackendClientOptions,
  type BackendErrorInfo,
  type SupportRequest,
} from '../../src/backend';
import { backoffMs, parseRetryAfter } from '../../src/backend/retry';

const BASE = 'http://backend.test';
const API_KEY = 'test-api-key';
const CONTRACT = 'KPT12345678';
const CODE = '482913';
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';
const CHALLENGE_ID = 'ch_0123456789abcdefABCD';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Nothing personal may end up in an error message.
const SECRETS = [CONTRACT, CODE, TOKEN, '+41 79', 'anna@'];

const challengeBody = {
  challengeId: CHALLENGE_ID,
  channel: 'sms',
  expiresAt: '2026-03-10T09:05:00Z',
  maskedDestination: '+41 79 *** ** 01',
};
const problemBody = (status: number, code: string, extra: object = {}) => ({
  type: `/problems/${code}`,
  title: code,
  status,
  code,
  ...extra,
});
const PROBLEM = { 'Content-Type': 'application/problem+json' };

let sleeps: number[];

function client(overrides: Partial<BackendClientOptions> = {}): BackendClient {
  return new BackendClient({
    baseUrl: BASE,
    apiKey: API_KEY,
    timeoutMs: 10_000, // generous: a loaded CI machine must not turn a happy path into a timeout
    maxRetries: 2,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  const backendError = error as BackendError;
  for (const secret of SECRETS) expect(backendError.message).not.toContain(secret);
  return backendError;
}

async function expectInfo(promise: Promise<unknown>, info: Partial<BackendErrorInfo>): Promise<BackendError> {
  const error = await failure(promise);
  expect(error.info).toMatchObject(info);
  return error;
}

/** A scope whose replies are counted, so tests can say exactly how often the client called. */
function counted(status: number, body: unknown = {}, headers: Record<string, string> = {}) {
  const calls: Record<string, string>[] = [];
  const reply = function (this: nock.ReplyFnContext): nock.ReplyFnResult {
    calls.push({ ...this.req.headers });
    return [status, body as nock.Body, headers];
  };
  return { calls, reply };
}

const createChallenge = (c: BackendClient) => c.createChallenge({ contractNumber: CONTRACT, channel: 'sms' });

beforeEach(() => {
  sleeps = [];
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('happy paths', () => {
  test('createChallenge posts the contract number with an Idempotency-Key and parses the challenge', async () => {
    const seen = counted(202, challengeBody);
    nock(BASE, { reqheaders: { 'x-api-key': API_KEY, 'content-type': 'application/json' } })
      .post('/v1/identity/challenges', { contractNumber: CONTRACT, channel: 'sms' })
      .reply(seen.reply);

    const challenge = await createChallenge(client());

    expect(challenge).toEqual({ ...challengeBody, expiresAt: new Date('2026-03-10T09:05:00Z') });
    expect(seen.calls[0]?.['idempotency-key']).toMatch(UUID);
  });

  test('each logical send gets its own Idempotency-Key', async () => {
    const seen = counted(202, challengeBody);
    nock(BASE).post('/v1/identity/challenges').times(2).reply(seen.reply);
    const c = client();
    await createChallenge(c);
    await createChallenge(c);
    expect(seen.calls[0]?.['idempotency-key']).not.toEqual(seen.calls[1]?.['idempotency-key']);
  });

  test('verifyChallenge returns the access grant (no Idempotency-Key: it sends no message)', async () => {
    nock(BASE, { reqheaders: { 'x-api-key': API_KEY }, badheaders: ['idempotency-key', 'authorization'] })
      .post(`/v1/identity/challenges/${CHALLENGE_ID}/verifications`, { code: CODE })
      .reply(200, { accessToken: TOKEN, expiresAt: '2026-03-10T09:10:00.000Z' });

    await expect(client().verifyChallenge(CHALLENGE_ID, CODE)).resolves.toEqual({
      accessToken: TOKEN,
      expiresAt: new Date('2026-03-10T09:10:00.000Z'),
    });
  });

  test('sendLoginCode posts with an Idempotency-Key and returns the reference of the send', async () => {
    const seen = counted(202, { maskedDestination: 'a***@e***.com', reference: 'CPT-2026-000042' });
    nock(BASE).post('/v1/login-codes', { contractNumber: CONTRACT, channel: 'email' }).reply(seen.reply);

    await expect(client().sendLoginCode({ contractNumber: CONTRACT, channel: 'email' })).resolves.toEqual({
      maskedDestination: 'a***@e***.com',
      reference: 'CPT-2026-000042',
    });
    expect(seen.calls[0]?.['idempotency-key']).toMatch(UUID);
  });

  test('getLoginMode and setLoginMode send the bearer token', async () => {
    const customer = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, 'x-api-key': API_KEY } });
    customer.get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    customer
      .put('/v1/customers/me/login-mode', { mode: 'three-step' })
      .reply(200, { mode: 'three-step', reference: 'KPT-2026-000043' });

    const c = client();
    await expect(c.getLoginMode(TOKEN)).resolves.toBe('two-step');
    await expect(c.setLoginMode(TOKEN, 'three-step')).resolves.toEqual({
      mode: 'three-step',
      reference: 'KPT-2026-000043',
    });
  });

  test('listTaxCertificates parses the list', async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/v1/customers/me/tax-certificates')
      .reply(200, { certificates: [{ year: 2025, issuedAt: '2026-01-15T08:00:00.000Z' }] });

    await expect(client().listTaxCertificates(TOKEN)).resolves.toEqual([
      { year: 2025, issuedAt: new Date('2026-01-15T08:00:00.000Z') },
    ]);
  });

  test('getTaxCertificatePdf returns the bytes and the Reference header of the handover', async () => {
    const pdf = Buffer.from('%PDF-1.7\n...%%EOF');
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, accept: 'application/pdf' } })
      .get('/v1/customers/me/tax-certificates/2025')
      .reply(200, pdf, { 'Content-Type': 'application/pdf', Reference: 'CPT-2026-000044' });

    const document = await client().getTaxCertificatePdf(TOKEN, 2025);
    expect(Buffer.from(document.pdf).toString()).toBe(pdf.toString());
    expect(document.reference).toBe('CPT-2026-000044');
  });

  test('a trailing slash in baseUrl is tolerated', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    await expect(client({ baseUrl: `${BASE}/` }).getLoginMode(TOKEN)).resolves.toBe('two-step');
  });
});

describe('timeouts', () => {
  test('a read times out per attempt, is retried, then fails with timeout', async () => {
    const seen = counted(200, { mode: 'two-step' });
    nock(BASE).get('/v1/customers/me/login-mode').times(3).delay(500).reply(seen.reply);

    await expectInfo(client({ timeoutMs: 50 }).getLoginMode(TOKEN), { kind: 'timeout' });
    expect(sleeps).toHaveLength(2);
  });

  test('a read that times out once succeeds on the retry', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').delay(500).reply(200, { mode: 'two-step' });
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'three-step' });
    await expect(client({ timeoutMs: 50 }).getLoginMode(TOKEN)).resolves.toBe('three-step');
  });

  test('a send that times out is not retried: it may have reached the server', async () => {
    nock(BASE).post('/v1/identity/challenges').delay(500).reply(202, challengeBody);
    const second = nock(BASE).post('/v1/identity/challenges').reply(202, challengeBody);

    await expectInfo(createChallenge(client({ timeoutMs: 50 })), { kind: 'timeout' });
    expect(second.isDone()).toBe(false);
    expect(sleeps).toEqual([]);
  });
});

describe('5xx', () => {
  test('reads are retried with exponential backoff and jitter', async () => {
    nock(BASE)
      .get('/v1/customers/me/tax-certificates')
      .times(2)
      .reply(503, problemBody(503, 'service_unavailable'), PROBLEM);
    nock(BASE).get('/v1/customers/me/tax-certificates').reply(200, { certificates: [] });

    await expect(client().listTaxCertificates(TOKEN)).resolves.toEqual([]);
    // random() = 0.5 of min(2000, 200 * 2^attempt)
    expect(sleeps).toEqual([100, 200]);
  });

  test('reads give up after maxRetries with unavailable and the status', async () => {
    const seen = counted(500, '<html>oops</html>');
    nock(BASE).get('/v1/customers/me/login-mode').times(3).reply(seen.reply);

    await expectInfo(client().getLoginMode(TOKEN), { kind: 'unavailable', status: 500 });
    expect(seen.calls).toHaveLength(3);
  });

  test('PUT login-mode is idempotent and retried like a read', async () => {
    nock(BASE).put('/v1/customers/me/login-mode').reply(502);
    nock(BASE)
      .put('/v1/customers/me/login-mode')
      .reply(200, { mode: 'two-step', reference: 'KPT-2026-000001' });
    await expect(client().setLoginMode(TOKEN, 'two-step')).resolves.toMatchObject({ mode: 'two-step' });
  });

  test.each([500, 502, 503, 504])('a send answered %i is not retried', async (status) => {
    const seen = counted(status, problemBody(status, 'service_unavailable'), PROBLEM);
    nock(BASE).post('/v1/login-codes').times(2).reply(seen.reply);

    await expectInfo(client().sendLoginCode({ contractNumber: CONTRACT, channel: 'sms' }), {
      kind: 'unavailable',
      status,
    });
    expect(seen.calls).toHaveLength(1);
  });

  test('a verification answered 503 is not retried (it would consume the code twice)', async () => {
    const seen = counted(503);
    nock(BASE).post(`/v1/identity/challenges/${CHALLENGE_ID}/verifications`).times(2).reply(seen.reply);

    await expectInfo(client().verifyChallenge(CHALLENGE_ID, CODE), { kind: 'unavailable', status: 503 });
    expect(seen.calls).toHaveLength(1);
  });

  test('a read honours Retry-After on 503', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(503, '', { 'Retry-After': '1' });
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    await expect(client().getLoginMode(TOKEN)).resolves.toBe('two-step');
    expect(sleeps).toEqual([1000]);
  });
});

describe('429', () => {
  const rateLimited = (retryAfter: string) =>
    [429, problemBody(429, 'rate_limited'), { ...PROBLEM, 'Retry-After': retryAfter }] as const;

  test('a read waits Retry-After seconds, then retries', async () => {
    nock(BASE)
      .get('/v1/customers/me/login-mode')
      .reply(...rateLimited('2'));
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });

    await expect(client().getLoginMode(TOKEN)).resolves.toBe('two-step');
    expect(sleeps).toEqual([2000]);
  });

  test('a Retry-After beyond the cap is not waited for', async () => {
    nock(BASE)
      .get('/v1/customers/me/login-mode')
      .reply(...rateLimited('60'));
    const second = nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });

    await expectInfo(client().getLoginMode(TOKEN), { kind: 'rate-limited', retryAfterSeconds: 60 });
    expect(sleeps).toEqual([]);
    expect(second.isDone()).toBe(false);
  });

  test('the cap is configurable', async () => {
    nock(BASE)
      .get('/v1/customers/me/login-mode')
      .reply(...rateLimited('8'));
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    await expect(client({ maxRetryAfterSeconds: 10 }).getLoginMode(TOKEN)).resolves.toBe('two-step');
    expect(sleeps).toEqual([8000]);
  });

  test('a send refused with 429 is retried with the same Idempotency-Key (nothing was sent)', async () => {
    const refused = counted(...rateLimited('1'));
    const accepted = counted(202, challengeBody);
    nock(BASE).post('/v1/identity/challenges').reply(refused.reply);
    nock(BASE).post('/v1/identity/challenges').reply(accepted.reply);

    await expect(createChallenge(client())).resolves.toMatchObject({ challengeId: CHALLENGE_ID });
    const first = refused.calls[0]?.['idempotency-key'];
    expect(first).toMatch(UUID);
    expect(accepted.calls[0]?.['idempotency-key']).toBe(first);
    expect(sleeps).toEqual([1000]);
  });

  test('retries exhausted → rate-limited with the last Retry-After', async () => {
    nock(BASE)
      .post('/v1/login-codes')
      .times(3)
      .reply(...rateLimited('3'));
    await expectInfo(client().sendLoginCode({ contractNumber: CONTRACT, channel: 'sms' }), {
      kind: 'rate-limited',
      retryAfterSeconds: 3,
    });
    expect(sleeps).toEqual([3000, 3000]);
  });
});

describe('malformed responses', () => {
  test('a body that is not JSON → invalid-response, not retried', async () => {
    const seen = counted(200, 'not json {');
    nock(BASE).get('/v1/customers/me/login-mode').times(2).reply(seen.reply);

    const error = await expectInfo(client().getLoginMode(TOKEN), {
      kind: 'invalid-response',
      status: 200,
      reason: 'body is not JSON',
    });
    expect(error.operation).toBe('getLoginMode');
    expect(seen.calls).toHaveLength(1);
  });

  test('a schema mismatch → invalid-response naming the field but not its value', async () => {
    nock(BASE)
      .post(`/v1/identity/challenges/${CHALLENGE_ID}/verifications`)
      .reply(200, { accessToken: CODE, expiresAt: 'tomorrow' });

    const error = await expectInfo(client().verifyChallenge(CHALLENGE_ID, CODE), {
      kind: 'invalid-response',
    });
    expect(error.message).toContain('accessToken');
    expect(error.message).toContain('expiresAt');
  });

  test('an unknown enum value → invalid-response', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'one-step' });
    await expectInfo(client().getLoginMode(TOKEN), { kind: 'invalid-response' });
  });

  test('unknown extra fields are ignored (the contract lets responses grow)', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step', since: '2020-01-01' });
    await expect(client().getLoginMode(TOKEN)).resolves.toBe('two-step');
  });

  test('a PDF download that is not a PDF → invalid-response', async () => {
    nock(BASE).get('/v1/customers/me/tax-certificates/2025').reply(200, '<html></html>', {
      'Content-Type': 'text/html',
    });
    await expectInfo(client().getTaxCertificatePdf(TOKEN, 2025), {
      kind: 'invalid-response',
      reason: 'body is not a PDF',
    });
  });

  // A completed action without a reference could not end with its receipt: the backend broke the contract.
  test('a completing operation answered without a reference → invalid-response naming the field', async () => {
    nock(BASE).post('/v1/login-codes').reply(202, { maskedDestination: '+41 79 *** ** 01' });
    nock(BASE).put('/v1/customers/me/login-mode').reply(200, { mode: 'two-step', reference: 'ABC-1' });
    const error = await expectInfo(client().sendLoginCode({ contractNumber: CONTRACT, channel: 'sms' }), {
      kind: 'invalid-response',
    });
    expect(error.message).toContain('reference');
    await expectInfo(client().setLoginMode(TOKEN, 'two-step'), { kind: 'invalid-response' });
  });

  test('a PDF without a well-formed Reference header → invalid-response', async () => {
    const pdf = Buffer.from('%PDF-1.7\n...%%EOF');
    nock(BASE)
      .get('/v1/customers/me/tax-certificates/2025')
      .reply(200, pdf, { 'Content-Type': 'application/pdf' });
    nock(BASE)
      .get('/v1/customers/me/tax-certificates/2024')
      .reply(200, pdf, { 'Content-Type': 'application/pdf', Reference: 'KPT-26-1' });
    for (const year of [2025, 2024]) {
      await expectInfo(client().getTaxCertificatePdf(TOKEN, year), {
        kind: 'invalid-response',
        reason: 'Reference header missing or malformed',
      });
    }
  });

  test('a redirect is not followed (credentials stay with the backend)', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(302, '', { Location: 'http://elsewhere.test/' });
    await expectInfo(client().getLoginMode(TOKEN), { kind: 'invalid-response', status: 302 });
  });

  test('an unexpected 4xx → invalid-response', async () => {
    nock(BASE).post('/v1/identity/challenges').reply(400, problemBody(400, 'validation_failed'), PROBLEM);
    await expectInfo(createChallenge(client()), { kind: 'invalid-response', status: 400 });
  });
});

describe('network errors', () => {
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  test('connection refused: a read is retried, then unavailable', async () => {
    nock.enableNetConnect('127.0.0.1');
    const c = client({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await expectInfo(c.getLoginMode(TOKEN), { kind: 'unavailable' });
    expect(error.cause).toBeDefined();
    expect(sleeps).toHaveLength(2);
  });

  test('connection refused: a send is retried too, because the server never saw it', async () => {
    nock.enableNetConnect('127.0.0.1');
    const c = client({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await expectInfo(createChallenge(c), { kind: 'unavailable' });
    expect(sleeps).toHaveLength(2);
  });

  test('a reset connection: a send is retried with the same Idempotency-Key (the contract replays, never sends twice)', async () => {
    const keys: string[] = [];
    const keyed = () =>
      nock(BASE)
        .post('/v1/identity/challenges')
        .matchHeader('idempotency-key', (key: string) => keys.push(key) > 0);
    keyed().replyWithError({ code: 'ECONNRESET', message: 'read ECONNRESET' });
    keyed().reply(202, challengeBody);

    await expect(createChallenge(client())).resolves.toMatchObject({ challengeId: CHALLENGE_ID });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  test('a reset connection: verifying a code (no Idempotency-Key) is not retried', async () => {
    const verifications = () => nock(BASE).post(`/v1/identity/challenges/${CHALLENGE_ID}/verifications`);
    verifications().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const second = verifications().reply(200, {});

    await expectInfo(client().verifyChallenge(CHALLENGE_ID, CODE), { kind: 'unavailable' });
    expect(second.isDone()).toBe(false);
  });

  test('a reset connection: a read is retried', async () => {
    nock(BASE)
      .get('/v1/customers/me/login-mode')
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    await expect(client().getLoginMode(TOKEN)).resolves.toBe('two-step');
  });

  test('maxRetries 0 means one attempt', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(503);
    const second = nock(BASE).get('/v1/customers/me/login-mode').reply(200, { mode: 'two-step' });
    await expectInfo(client({ maxRetries: 0 }).getLoginMode(TOKEN), { kind: 'unavailable' });
    expect(second.isDone()).toBe(false);
  });
});

describe('error kinds from the contract', () => {
  const verify = () => client().verifyChallenge(CHALLENGE_ID, CODE);
  const verifications = () => nock(BASE).post(`/v1/identity/challenges/${CHALLENGE_ID}/verifications`);

  test('401 invalid_code → invalid-code with attemptsRemaining', async () => {
    verifications().reply(401, problemBody(401, 'invalid_code', { attemptsRemaining: 2 }), PROBLEM);
    await expectInfo(verify(), { kind: 'invalid-code', attemptsRemaining: 2 });
  });

  test('401 invalid_code without attemptsRemaining breaks the contract → invalid-response', async () => {
    verifications().reply(401, problemBody(401, 'invalid_code'), PROBLEM);
    await expectInfo(verify(), { kind: 'invalid-response', status: 401 });
  });

  test('401 otherwise → unauthorized', async () => {
    nock(BASE).get('/v1/customers/me/login-mode').reply(401, problemBody(401, 'unauthorized'), PROBLEM);
    await expectInfo(client().getLoginMode(TOKEN), { kind: 'unauthorized' });
  });

  test('410 → expired, and 404 on a verification (purged challenge) → expired', async () => {
    verifications().reply(410, problemBody(410, 'challenge_expired'), PROBLEM);
    await expectInfo(verify(), { kind: 'expired' });
    verifications().reply(404, problemBody(404, 'challenge_not_found'), PROBLEM);
    await expectInfo(verify(), { kind: 'expired' });
  });

  test('409 → code-used', async () => {
    verifications().reply(409, problemBody(409, 'code_already_used'), PROBLEM);
    await expectInfo(verify(), { kind: 'code-used' });
  });

  test('423 → locked with Retry-After, not retried', async () => {
    const seen = counted(423, problemBody(423, 'locked'), { ...PROBLEM, 'Retry-After': '900' });
    nock(BASE).post('/v1/identity/challenges').times(2).reply(seen.reply);
    await expectInfo(createChallenge(client()), { kind: 'locked', retryAfterSeconds: 900 });
    expect(seen.calls).toHaveLength(1);
  });

  test('404 on a certificate → not-found', async () => {
    nock(BASE)
      .get('/v1/customers/me/tax-certificates/2019')
      .reply(404, problemBody(404, 'certificate_not_found'), PROBLEM);
    await expectInfo(client().getTaxCertificatePdf(TOKEN, 2019), { kind: 'not-found' });
  });

  test('error messages name the operation and kind only', async () => {
    verifications().reply(401, problemBody(401, 'invalid_code', { attemptsRemaining: 1 }), PROBLEM);
    const error = await failure(verify());
    expect(error.message).toBe('verifyChallenge failed: invalid-code');
    expect(error.name).toBe('BackendError');
  });
});

describe('input checks', () => {
  test('malformed input is rejected before any request, without echoing it', async () => {
    const c = client();
    const attempts = [
      () => c.createChallenge({ contractNumber: 'KPT123', channel: 'sms' }),
      () => c.verifyChallenge(CHALLENGE_ID, '12345'),
      () => c.verifyChallenge('../../etc', CODE),
      () => c.getTaxCertificatePdf(TOKEN, 25),
      () => c.getLoginMode('bad token\r\nX-Evil: 1'),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).not.toContain('12345');
      expect((error as Error).message).not.toContain('KPT123');
    }
  });

  test('bad options are rejected', () => {
    expect(() => client({ baseUrl: 'backend.test' })).toThrow(TypeError);
    expect(() => client({ maxRetries: -1 })).toThrow(TypeError);
    expect(() => client({ timeoutMs: 0 })).toThrow(TypeError);
  });
});

describe('retry arithmetic', () => {
  test('backoff grows exponentially up to the cap, scaled by jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, 200, 2000, () => 0.999))).toEqual([
      199, 399, 799, 1598, 1998, 1998,
    ]);
    expect(backoffMs(3, 200, 2000, () => 0)).toBe(0);
  });

  test('Retry-After accepts delay-seconds and HTTP-dates', () => {
    const now = Date.parse('2026-03-10T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 10 Mar 2026 09:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 10 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('support requests', () => {
  const supportRequest: SupportRequest = {
    topic: 'Login gesperrt',
    description: 'Bitte rufen Sie mich an.',
    contact: { kind: 'phone', value: '+41791234567' },
    language: 'fr',
    contractNumber: CONTRACT,
    summary: [{ question: 'mot de passe oublié', entryId: 'password-forgotten', outcome: 'not-helpful' }],
    consent: true,
  };
  const created = { reference: 'CPT-2026-000123', createdAt: '2026-03-10T09:00:00.000Z' };

  test('posts the request with an Idempotency-Key and returns the reference', async () => {
    const seen = counted(201, created);
    nock(BASE, { reqheaders: { 'x-api-key': API_KEY, 'content-type': 'application/json' } })
      .post('/v1/support-requests', { ...supportRequest })
      .reply(seen.reply);

    await expect(client().createSupportRequest(supportRequest)).resolves.toEqual({
      reference: 'CPT-2026-000123',
      createdAt: new Date('2026-03-10T09:00:00.000Z'),
    });
    expect(seen.calls[0]?.['idempotency-key']).toMatch(UUID);
  });

  test('the daily limit (429 with a long Retry-After) → rate-limited at once, with the delay', async () => {
    const refused = counted(429, problemBody(429, 'rate_limited'), { ...PROBLEM, 'Retry-After': '86220' });
    nock(BASE).post('/v1/support-requests').times(3).reply(refused.reply);

    await expectInfo(client().createSupportRequest(supportRequest), {
      kind: 'rate-limited',
      retryAfterSeconds: 86220,
    });
    expect(refused.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('a timeout or a 503 is not retried: the request may have reached the web support', async () => {
    nock(BASE).post('/v1/support-requests').delay(500).reply(201, created);
    const second = nock(BASE).post('/v1/support-requests').reply(201, created);
    await expectInfo(client({ timeoutMs: 50 }).createSupportRequest(supportRequest), { kind: 'timeout' });
    expect(second.isDone()).toBe(false);
    nock.cleanAll();

    const unavailable = counted(503, problemBody(503, 'service_unavailable'), PROBLEM);
    nock(BASE).post('/v1/support-requests').times(3).reply(unavailable.reply);
    await expectInfo(client().createSupportRequest(supportRequest), { kind: 'unavailable', status: 503 });
    expect(unavailable.calls).toHaveLength(1);
  });

  test('a reference in another shape → invalid-response', async () => {
    nock(BASE)
      .post('/v1/support-requests')
      .reply(201, { ...created, reference: '123' });
    await expectInfo(client().createSupportRequest(supportRequest), { kind: 'invalid-response' });
  });

  test('a request without consent or with a malformed contact is refused before sending', async () => {
    const c = client();
    for (const input of [
      { ...supportRequest, consent: false },
      { ...supportRequest, contact: { kind: 'phone', value: '079 123 45 67' } },
      { ...supportRequest, contact: { kind: 'email', value: 'anna@' } },
      { ...supportRequest, contractNumber: 'KPT123' },
    ]) {
      const error = await c.createSupportRequest(input as SupportRequest).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      for (const secret of ['079 123', 'anna@', 'KPT123'])
        expect((error as Error).message).not.toContain(secret);
    }
  });
});
