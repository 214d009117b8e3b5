// Every sandbox response must be one the contract documents for that operation and status, with a
// body that validates against the schema in docs/openapi.yaml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { BackendClient } from '../../src/backend';
import { DEMO_TOTP_SECRET } from '../../src/sandbox/customers';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../src/sandbox/server';
import { totpCode } from '../../src/sandbox/totp';

interface MediaType {
  schema?: object;
}
interface HeaderObject {
  $ref?: string;
  required?: boolean;
  schema?: object;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, HeaderObject>;
}
interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  security?: Record<string, string[]>[];
  responses: Record<string, ResponseObject>;
}
type PathItem = Record<string, Operation>;
interface OpenApi {
  openapi: string;
  paths: Record<string, PathItem>;
  components: {
    responses: Record<string, ResponseObject>;
    parameters: Record<string, Parameter>;
    headers: Record<string, HeaderObject>;
  };
}

const DOC_ID = 'openapi.yaml';
const doc = parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.yaml'), 'utf8')) as OpenApi;
const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true });
addFormats(ajv);
// The document is registered whole so that `#/components/...` references resolve; its OpenAPI-only
// top-level fields are declared as annotations.
for (const keyword of [
  'openapi',
  'info',
  'servers',
  'tags',
  'paths',
  'components',
  'security',
  'jsonSchemaDialect',
]) {
  ajv.addKeyword({ keyword });
}
ajv.addSchema(doc as object, DOC_ID);

const START = new Date('2026-03-10T09:00:00.000Z');
let clock: Date;
let lines: string[];
let sandbox: Sandbox;
const seenOperations = new Set<string>();

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function findOperation(method: string, urlPath: string): { template: string; operation: Operation } {
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = item[method.toLowerCase()];
    if (pattern.test(urlPath) && operation) return { template, operation };
  }
  throw new Error(`${method} ${urlPath} is not in the contract`);
}

/** The documented response for a status, following a $ref into components/responses. */
function documentedResponse(method: string, urlPath: string, status: number) {
  const { template, operation } = findOperation(method, urlPath);
  const inline = operation.responses[String(status)];
  if (inline === undefined) throw new Error(`${operation.operationId} does not document status ${status}`);
  seenOperations.add(operation.operationId);
  if (inline.$ref === undefined) {
    return {
      response: inline,
      base: ['', 'paths', template, method.toLowerCase(), 'responses', String(status)],
    };
  }
  const name = inline.$ref.replace('#/components/responses/', '');
  return {
    response: doc.components.responses[name] as ResponseObject,
    base: ['', 'components', 'responses', name],
  };
}

interface Exchange {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends a request and checks the answer against the contract before the test looks at it. */
async function call(
  method: string,
  urlPath: string,
  options: { body?: unknown; token?: string; apiKey?: string; idempotencyKey?: string } = {},
): Promise<Exchange> {
  const headers: Record<string, string> = { 'X-Api-Key': options.apiKey ?? SANDBOX_API_KEY };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (method === 'POST' && !urlPath.endsWith('/verifications')) {
    headers['Idempotency-Key'] = options.idempotencyKey ?? crypto.randomUUID();
  }
  const res = await fetch(sandbox.url + urlPath, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const { response, base } = documentedResponse(method, urlPath, res.status);

  const contentType = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
  const media = response.content?.[contentType];
  if (media === undefined)
    throw new Error(`${method} ${urlPath} ${res.status}: undocumented content type ${contentType}`);

  let body: unknown = bytes;
  if (contentType.endsWith('json')) {
    body = JSON.parse(bytes.toString('utf8'));
    const validate = ajv.getSchema(`${DOC_ID}#${pointer(...base, 'content', contentType, 'schema')}`);
    if (validate === undefined) throw new Error('schema not found');
    if (!validate(body)) {
      throw new Error(
        `${method} ${urlPath} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
      );
    }
  } else {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  }

  // Every documented header: present when required, and its value valid against the header's schema.
  for (const [name, inline] of Object.entries(response.headers ?? {})) {
    const refName = inline.$ref?.replace('#/components/headers/', '');
    const where = refName === undefined ? [...base, 'headers', name] : ['', 'components', 'headers', refName];
    const header = refName === undefined ? inline : doc.components.headers[refName]!;
    const value = res.headers.get(name);
    if (header.required) expect([name, value === null]).toEqual([name, false]);
    if (value === null) continue;
    const validate = ajv.getSchema(`${DOC_ID}#${pointer(...where, 'schema')}`);
    const typed = /^\d+$/.test(value) ? Number(value) : value; // header values are strings on the wire
    expect([name, value, validate?.(typed)]).toEqual([name, value, true]);
  }
  return { status: res.status, headers: res.headers, body };
}

const challenge = (contractNumber: string, channel: string, idempotencyKey?: string) =>
  call('POST', '/v1/identity/challenges', { body: { contractNumber, channel }, idempotencyKey });
const verification = (challengeId: string, code: string) =>
  call('POST', `/v1/identity/challenges/${challengeId}/verifications`, { body: { code } });

function codeFromLog(contractNumber: string): string {
  const line = lines.filter((l) => l.startsWith('[outbox]') && l.includes(`(${contractNumber})`)).pop() ?? '';
  return /code (\d{6})/.exec(line)?.[1] ?? '';
}

async function token(contractNumber = 'KPT10000001'): Promise<string> {
  const created = await challenge(contractNumber, 'sms');
  const { challengeId } = created.body as { challengeId: string };
  const verified = await verification(challengeId, codeFromLog(contractNumber));
  return (verified.body as { accessToken: string }).accessToken;
}

beforeEach(async () => {
  clock = START;
  lines = [];
  sandbox = await startSandbox({ port: 0, log: (line) => lines.push(line), now: () => clock });
});

afterEach(async () => {
  await sandbox.close();
});

test('the contract is OpenAPI 3.1 and every response schema compiles', () => {
  expect(doc.openapi).toBe('3.1.0');
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      for (const status of Object.keys(operation.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
    }
  }
  for (const [name, response] of Object.entries(doc.components.responses)) {
    for (const type of Object.keys(response.content ?? {})) {
      expect(
        ajv.getSchema(`${DOC_ID}#${pointer('', 'components', 'responses', name, 'content', type, 'schema')}`),
      ).toBeDefined();
    }
  }
});

describe('identity challenges', () => {
  test('202 for known and unknown numbers, on every channel', async () => {
    for (const [contract, channel] of [
      ['KPT10000001', 'sms'],
      ['KPT10000002', 'email'],
      ['KPT10000003', 'totp'],
      ['KPT99999999', 'sms'],
      ['KPT99999999', 'email'],
      ['KPT99999999', 'totp'],
    ]) {
      expect((await challenge(contract!, channel!)).status).toBe(202);
    }
  });

  test('400 for a malformed body or a missing Idempotency-Key, 401 without API key, 422 on key reuse', async () => {
    expect((await challenge('KPT1', 'sms')).status).toBe(400);
    expect(
      (await call('POST', '/v1/identity/challenges', { body: { contractNumber: 'KPT10000001' } })).status,
    ).toBe(400);
    expect((await challenge('KPT10000001', 'sms', 'short')).status).toBe(400);
    const noKey = await call('POST', '/v1/identity/challenges', {
      body: { contractNumber: 'KPT10000001', channel: 'sms' },
      apiKey: 'wrong',
    });
    expect(noKey.status).toBe(401);
    expect((await challenge('KPT10000001', 'sms', 'key-aaaaaaaaaaaaaaaa')).status).toBe(202);
    const replay = await challenge('KPT10000001', 'sms', 'key-aaaaaaaaaaaaaaaa');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await challenge('KPT10000001', 'email', 'key-aaaaaaaaaaaaaaaa')).status).toBe(422);
  });

  test('verification: 200, 401 invalid_code, 409, 410, 404, 423 and 429', async () => {
    const first = (await challenge('KPT10000001', 'sms')).body as { challengeId: string };
    const code = codeFromLog('KPT10000001');
    expect((await verification(first.challengeId, code)).status).toBe(200);
    expect((await verification(first.challengeId, code)).status).toBe(409);
    expect((await verification('AAAAAAAAAAAAAAAAAAAAAAAA', code)).status).toBe(404);
    expect((await verification(first.challengeId, '12345')).status).toBe(400);

    const stale = (await challenge('KPT10000002', 'email')).body as { challengeId: string };
    clock = new Date(START.getTime() + 5 * 60_000);
    expect((await verification(stale.challengeId, codeFromLog('KPT10000002'))).status).toBe(410);
    const totp = (await challenge('KPT10000003', 'totp')).body as { challengeId: string };
    const right = totpCode(DEMO_TOTP_SECRET, clock);
    const wrong = right === '000000' ? '111111' : '000000';
    const bad = await verification(totp.challengeId, wrong);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: 'invalid_code', attemptsRemaining: 2 });
    expect((await verification(totp.challengeId, wrong)).status).toBe(401);
    expect((await verification(totp.challengeId, wrong)).status).toBe(423);
    expect((await verification(totp.challengeId, right)).status).toBe(423);
    expect((await challenge('KPT10000003', 'totp')).status).toBe(423);

    for (let i = 0; i < 4; i += 1)
      await call('POST', '/v1/login-codes', { body: { contractNumber: 'KPT10000002', channel: 'email' } });
    expect((await challenge('KPT10000002', 'email')).status).toBe(429);
  });
});

describe('login codes', () => {
  test('202, 400 and 429', async () => {
    const send = (contractNumber: string, channel: string) =>
      call('POST', '/v1/login-codes', { body: { contractNumber, channel } });
    expect((await send('KPT10000001', 'sms')).status).toBe(202);
    expect((await send('KPT99999999', 'email')).status).toBe(202);
    expect((await send('KPT10000001', 'totp')).status).toBe(400);
    for (let i = 0; i < 4; i += 1) await send('KPT10000001', 'email');
    expect((await send('KPT10000001', 'sms')).status).toBe(429);
  });
});

describe('support requests', () => {
  const supportRequest = {
    topic: 'Login gesperrt',
    description: 'Ich komme nicht mehr ins Portal.',
    contact: { kind: 'phone', value: '+41791234567' },
    language: 'it',
    contractNumber: 'KPT10000001',
    summary: [{ question: 'Passwort vergessen', entryId: 'password-forgotten', outcome: 'not-helpful' }],
    consent: true,
  };
  const create = (body: unknown, idempotencyKey?: string) =>
    call('POST', '/v1/support-requests', { body, idempotencyKey });
  const requestSchema = () =>
    ajv.getSchema(
      `${DOC_ID}#${pointer('', 'paths', '/v1/support-requests', 'post', 'requestBody', 'content', 'application/json', 'schema')}`,
    )!;

  test('201 with a reference, 400 for a body outside the contract, 422 on key reuse, 429 with Retry-After', async () => {
    const created = await create(supportRequest, 'support-aaaaaaaaaaaa');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reference: 'CPT-2026-000001' });
    expect((await create(supportRequest, 'support-aaaaaaaaaaaa')).headers.get('idempotent-replayed')).toBe(
      'true',
    );
    expect((await create({ ...supportRequest, topic: 'x' }, 'support-aaaaaaaaaaaa')).status).toBe(422);
    expect((await create({ ...supportRequest, consent: false })).status).toBe(400);
    expect((await create({ ...supportRequest, contractNumber: 'unverified' })).status).toBe(201);
    await create(supportRequest);
    await create(supportRequest);
    expect((await create(supportRequest)).status).toBe(429);
  });

  test('the sandbox accepts exactly the request bodies the contract accepts', async () => {
    const phone = (value: string) => ({ ...supportRequest, contact: { kind: 'phone', value } });
    const email = (value: string) => ({ ...supportRequest, contact: { kind: 'email', value } });
    const bodies: unknown[] = [
      supportRequest,
      { ...supportRequest, language: 'de', contractNumber: 'unverified', summary: [] },
      email('anna.muster@example.com'),
      email('anna.muster'),
      email('+41791234567'),
      phone('+41791234567'),
      phone('079 123 45 67'),
      phone('anna.muster@example.com'),
      { ...supportRequest, consent: false },
      { ...supportRequest, consent: undefined },
      { ...supportRequest, contractNumber: 'KPT123' },
      { ...supportRequest, contractNumber: 'verified' },
      { ...supportRequest, language: 'en' },
      { ...supportRequest, topic: '' },
      { ...supportRequest, description: 'x'.repeat(2001) },
      { ...supportRequest, extra: 1 },
      { ...supportRequest, summary: [{ question: 'x', outcome: 'unknown' }] },
      { ...supportRequest, summary: [{ question: 'x', outcome: 'answer', entryId: 'Not An Id' }] },
      {
        ...supportRequest,
        summary: Array.from({ length: 11 }, () => ({ question: 'x', outcome: 'answer' })),
      },
    ];
    const validate = requestSchema();
    for (const [index, body] of bodies.entries()) {
      const { status } = await create(body);
      expect([index, status === 201]).toEqual([index, validate(body)]);
      clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000); // keep clear of the daily limit
    }
  });
});

describe('customer operations', () => {
  test('login mode: 200 for GET and PUT, 400 for a bad mode, 401 without token', async () => {
    const bearer = await token('KPT10000004');
    expect((await call('GET', '/v1/customers/me/login-mode', { token: bearer })).body).toEqual({
      mode: 'two-step',
    });
    expect(
      (await call('PUT', '/v1/customers/me/login-mode', { token: bearer, body: { mode: 'three-step' } }))
        .status,
    ).toBe(200);
    expect(
      (await call('PUT', '/v1/customers/me/login-mode', { token: bearer, body: { mode: 'one-step' } }))
        .status,
    ).toBe(400);
    expect((await call('GET', '/v1/customers/me/login-mode')).status).toBe(401);
    expect((await call('GET', '/v1/customers/me/login-mode', { token: 'not-a-token' })).status).toBe(401);
  });

  test('tax certificates: list 200, PDF 200, 404 for a missing year, 400 for a bad year, 401', async () => {
    const bearer = await token('KPT10000004');
    const list = await call('GET', '/v1/customers/me/tax-certificates', { token: bearer });
    expect(list.body).toEqual({
      certificates: [
        { year: 2024, issuedAt: '2025-01-15T08:00:00.000Z' },
        { year: 2023, issuedAt: '2024-01-15T08:00:00.000Z' },
      ],
    });
    expect((await call('GET', '/v1/customers/me/tax-certificates/2024', { token: bearer })).status).toBe(200);
    expect((await call('GET', '/v1/customers/me/tax-certificates/2025', { token: bearer })).status).toBe(404);
    expect((await call('GET', '/v1/customers/me/tax-certificates/20x5', { token: bearer })).status).toBe(400);
    expect((await call('GET', '/v1/customers/me/tax-certificates')).status).toBe(401);
  });
});

test("the client's requests match the contract", async () => {
  const requests: { method: string; path: string; headers: Headers; body?: string }[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return fetch(input, init);
  };
  const client = new BackendClient({
    baseUrl: sandbox.url,
    apiKey: SANDBOX_API_KEY,
    timeoutMs: 5000,
    maxRetries: 0,
    fetch: recording,
  });
  const created = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
  const { accessToken } = await client.verifyChallenge(created.challengeId, codeFromLog('KPT10000001'));
  await client.sendLoginCode({ contractNumber: 'KPT10000001', channel: 'email' });
  await client.getLoginMode(accessToken);
  await client.setLoginMode(accessToken, 'two-step');
  await client.listTaxCertificates(accessToken);
  await client.getTaxCertificatePdf(accessToken, 2025);
  await client.createSupportRequest({
    topic: 'Steuerbescheinigung',
    description: 'Die Bescheinigung 2025 fehlt.',
    contact: { kind: 'email', value: 'anna.muster@example.com' },
    language: 'de',
    contractNumber: 'KPT10000001',
    summary: [{ question: 'Steuerbescheinigung 2025', outcome: 'action-completed' }],
    consent: true,
  });

  for (const request of requests) {
    const { template, operation } = findOperation(request.method, request.path);
    const where = `${operation.operationId}`;
    expect(request.headers.get('x-api-key')).toBe(SANDBOX_API_KEY);
    const needsToken = operation.security?.some((requirement) => 'customerToken' in requirement) ?? false;
    expect([where, request.headers.get('authorization')?.startsWith('Bearer ') ?? false]).toEqual([
      where,
      needsToken,
    ]);
    // Required header parameters (Idempotency-Key) are shared components in this contract.
    for (const name of (operation.parameters ?? []).map((p) => p.$ref?.split('/').pop() ?? '')) {
      const parameter = doc.components.parameters[name];
      if (parameter?.in !== 'header' || !parameter.required) continue;
      const validate = ajv.getSchema(`${DOC_ID}#${pointer('', 'components', 'parameters', name, 'schema')}`);
      expect([where, validate?.(request.headers.get(parameter.name ?? ''))]).toEqual([where, true]);
    }
    if (operation.requestBody) {
      const validate = ajv.getSchema(
        `${DOC_ID}#${pointer('', 'paths', template, request.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema')}`,
      );
      const valid = validate?.(JSON.parse(request.body ?? 'null'));
      expect([where, valid, ajv.errorsText(validate?.errors)]).toEqual([where, true, 'No errors']);
      expect(request.headers.get('content-type')).toBe('application/json');
    }
  }
  expect(new Set(requests.map((r) => findOperation(r.method, r.path).operation.operationId)).size).toBe(8);
});

// Runs last (jest keeps the order of a file): every operation was exercised above.
test('every operation of the contract was exercised', () => {
  const all = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  expect([...seenOperations].sort()).toEqual(all.sort());
});
