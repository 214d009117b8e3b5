import { PDFDocument } from 'pdf-lib';
import {
  BackendClient,
  BackendError,
  type BackendErrorInfo,
  type Channel,
  type SupportRequest,
} from '../../src/backend';
import { DEMO_TOTP_SECRET } from '../../src/sandbox/customers';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../src/sandbox/server';
import { totpCode } from '../../src/sandbox/totp';

const START = new Date('2026-03-10T09:00:00.000Z');
const MINUTE = 60_000;
const UNKNOWN = 'KPT99999999';

let clock: Date;
let lines: string[];
let sandbox: Sandbox;
let client: BackendClient;

const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

/** The tester's view: the last code the sandbox "sent" to this contract number. */
function codeFromLog(contractNumber: string): string {
  const line = lines.filter((l) => l.startsWith('[outbox]') && l.includes(`(${contractNumber})`)).pop();
  const code = /code (\d{6})/.exec(line ?? '')?.[1];
  if (code === undefined) throw new Error(`no code in the log for ${contractNumber}`);
  return code;
}

/** A 6-digit code that is certainly not the right one. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function errorInfo(promise: Promise<unknown>): Promise<BackendErrorInfo> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  return (error as BackendError).info;
}

async function login(contractNumber: string, channel: Channel): Promise<string> {
  const challenge = await client.createChallenge({ contractNumber, channel });
  const code = channel === 'totp' ? totpCode(DEMO_TOTP_SECRET, clock) : codeFromLog(contractNumber);
  return (await client.verifyChallenge(challenge.challengeId, code)).accessToken;
}

beforeEach(async () => {
  clock = START;
  lines = [];
  sandbox = await startSandbox({ port: 0, log: (line) => lines.push(line), now: () => clock });
  client = new BackendClient({
    baseUrl: sandbox.url,
    apiKey: SANDBOX_API_KEY,
    timeoutMs: 5000,
    maxRetries: 1,
  });
});

afterEach(async () => {
  await sandbox.close();
});

describe('identity challenges', () => {
  test('SMS: the code from the log verifies and yields a working token', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    expect(challenge).toMatchObject({ channel: 'sms', maskedDestination: '+41 79 *** ** 01' });
    expect(challenge.expiresAt.getTime() - START.getTime()).toBe(5 * MINUTE);

    const grant = await client.verifyChallenge(challenge.challengeId, codeFromLog('KPT10000001'));
    expect(grant.expiresAt.getTime() - START.getTime()).toBe(10 * MINUTE);
    await expect(client.getLoginMode(grant.accessToken)).resolves.toBe('three-step');
  });

  test('e-mail: the code from the log verifies', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000002', channel: 'email' });
    expect(challenge.maskedDestination).toBe('c***@e***.com');
    expect(lines.some((l) => l.startsWith('[outbox] E-mail to claire.exemple@example.com'))).toBe(true);
    await expect(
      client.verifyChallenge(challenge.challengeId, codeFromLog('KPT10000002')),
    ).resolves.toHaveProperty('accessToken');
  });

  test('TOTP: the authenticator code verifies; nothing is sent and no destination is shown', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000003', channel: 'totp' });
    expect(challenge.maskedDestination).toBeUndefined();
    expect(lines.some((l) => l.startsWith('[outbox]') || /\b\d{6}\b/.test(l))).toBe(false);
    await expect(
      client.verifyChallenge(challenge.challengeId, totpCode(DEMO_TOTP_SECRET, clock)),
    ).resolves.toHaveProperty('accessToken');
  });

  test('TOTP: the previous time step is still accepted (typing delay)', async () => {
    const code = totpCode(DEMO_TOTP_SECRET, clock);
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000003', channel: 'totp' });
    advance(30_000);
    await expect(client.verifyChallenge(challenge.challengeId, code)).resolves.toHaveProperty('accessToken');
  });

  test('TOTP: a code cannot be replayed within its window, even on a new challenge', async () => {
    const code = totpCode(DEMO_TOTP_SECRET, clock);
    const first = await client.createChallenge({ contractNumber: 'KPT10000003', channel: 'totp' });
    await client.verifyChallenge(first.challengeId, code);

    const second = await client.createChallenge({ contractNumber: 'KPT10000003', channel: 'totp' });
    expect(await errorInfo(client.verifyChallenge(second.challengeId, code))).toEqual({ kind: 'code-used' });

    advance(30_000);
    await expect(
      client.verifyChallenge(second.challengeId, totpCode(DEMO_TOTP_SECRET, clock)),
    ).resolves.toHaveProperty('accessToken');
  });

  test('a code is accepted once', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    const code = codeFromLog('KPT10000001');
    await client.verifyChallenge(challenge.challengeId, code);
    expect(await errorInfo(client.verifyChallenge(challenge.challengeId, code))).toEqual({
      kind: 'code-used',
    });
  });

  test('a code expires after 5 minutes', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    advance(5 * MINUTE);
    expect(
      await errorInfo(client.verifyChallenge(challenge.challengeId, codeFromLog('KPT10000001'))),
    ).toEqual({
      kind: 'expired',
    });
  });

  test('a code is still good just before 5 minutes', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    advance(5 * MINUTE - 1000);
    await expect(
      client.verifyChallenge(challenge.challengeId, codeFromLog('KPT10000001')),
    ).resolves.toHaveProperty('accessToken');
  });

  test('an unknown challenge id counts as expired', async () => {
    expect(await errorInfo(client.verifyChallenge('AAAAAAAAAAAAAAAAAAAAAAAA', '123456'))).toEqual({
      kind: 'expired',
    });
  });
});

describe('lockout', () => {
  test('3 wrong codes lock the contract number for 15 minutes, also for new challenges', async () => {
    const challenge = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    const bad = wrong(codeFromLog('KPT10000001'));
    const verify = (code: string) => errorInfo(client.verifyChallenge(challenge.challengeId, code));

    expect(await verify(bad)).toEqual({ kind: 'invalid-code', attemptsRemaining: 2 });
    expect(await verify(bad)).toEqual({ kind: 'invalid-code', attemptsRemaining: 1 });
    expect(await verify(bad)).toEqual({ kind: 'locked', retryAfterSeconds: 900 });
    // Even the right code does not help while locked.
    expect(await verify(codeFromLog('KPT10000001'))).toMatchObject({ kind: 'locked' });
    expect(
      await errorInfo(client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' })),
    ).toEqual({
      kind: 'locked',
      retryAfterSeconds: 900,
    });

    advance(10 * MINUTE);
    expect(
      await errorInfo(client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' })),
    ).toEqual({
      kind: 'locked',
      retryAfterSeconds: 300,
    });
    advance(5 * MINUTE);
    await expect(login('KPT10000001', 'sms')).resolves.toEqual(expect.any(String));
  });

  test('wrong codes count per contract number across challenges', async () => {
    const first = await client.createChallenge({ contractNumber: 'KPT10000002', channel: 'email' });
    const firstCode = codeFromLog('KPT10000002');
    const second = await client.createChallenge({ contractNumber: 'KPT10000002', channel: 'email' });
    expect(await errorInfo(client.verifyChallenge(first.challengeId, wrong(firstCode)))).toMatchObject({
      attemptsRemaining: 2,
    });
    expect(
      await errorInfo(client.verifyChallenge(second.challengeId, wrong(codeFromLog('KPT10000002')))),
    ).toMatchObject({ attemptsRemaining: 1 });
    // Other contract numbers are not affected.
    await expect(login('KPT10000001', 'sms')).resolves.toEqual(expect.any(String));
  });

  test('a successful verification resets the count', async () => {
    const first = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    const code = codeFromLog('KPT10000001');
    await errorInfo(client.verifyChallenge(first.challengeId, wrong(code)));
    await errorInfo(client.verifyChallenge(first.challengeId, wrong(code)));
    await client.verifyChallenge(first.challengeId, code);

    const second = await client.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' });
    expect(
      await errorInfo(client.verifyChallenge(second.challengeId, wrong(codeFromLog('KPT10000001')))),
    ).toEqual({
      kind: 'invalid-code',
      attemptsRemaining: 2,
    });
  });
});

describe('non-enumeration', () => {
  async function rawChallenge(contractNumber: string, channel: Channel) {
    const response = await fetch(`${sandbox.url}/v1/identity/challenges`, {
      method: 'POST',
      headers: {
        'X-Api-Key': SANDBOX_API_KEY,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({ contractNumber, channel }),
    });
    const body = (await response.json()) as Record<string, string>;
    const headers = [...response.headers.keys()].filter(
      (name) => name !== 'date' && name !== 'content-length',
    );
    return { status: response.status, headers, body };
  }

  /** Everything an observer can compare, with the random parts reduced to their shape. */
  function shape(answer: Awaited<ReturnType<typeof rawChallenge>>) {
    const { challengeId, expiresAt, maskedDestination, ...rest } = answer.body;
    return {
      status: answer.status,
      headers: answer.headers,
      keys: Object.keys(answer.body),
      rest,
      challengeId: challengeId?.replace(/[A-Za-z0-9_-]/g, 'x'),
      expiresAt,
      // Real addresses have various top-level domains, so a letter run counts as one letter.
      maskedDestination: maskedDestination?.replace(/[0-9]/g, '9').replace(/[a-z]+/g, 'a'),
    };
  }

  test.each([
    ['sms', 'KPT10000001'],
    ['email', 'KPT10000002'],
    ['totp', 'KPT10000003'],
  ] as const)(
    '%s: an unknown number gets an answer shaped exactly like a known one',
    async (channel, known) => {
      expect(shape(await rawChallenge(UNKNOWN, channel))).toEqual(shape(await rawChallenge(known, channel)));
    },
  );

  test('a known number without a contact for the channel looks the same too', async () => {
    expect(shape(await rawChallenge('KPT10000002', 'sms'))).toEqual(
      shape(await rawChallenge('KPT10000001', 'sms')),
    );
  });

  test('the prefix of a decoy reference is stable and spread over the prefixes, so it reveals nothing', async () => {
    const prefix = async (contractNumber: string) =>
      (await client.sendLoginCode({ contractNumber, channel: 'email' })).reference.slice(0, 3);
    const first = await prefix(UNKNOWN);
    expect(await prefix(UNKNOWN)).toBe(first);
    // The decoy key is random per sandbox: 40 numbers all on one prefix has a chance below 1 in 10^7.
    const prefixes = new Set<string>();
    for (let n = 10; n < 50; n += 1) prefixes.add(await prefix(`KPT900000${n}`));
    expect([...prefixes].sort()).toEqual(['CPT', 'KPT']);
  });

  test('the decoy destination is stable, so asking twice reveals nothing', async () => {
    const first = await client.createChallenge({ contractNumber: UNKNOWN, channel: 'sms' });
    const second = await client.createChallenge({ contractNumber: UNKNOWN, channel: 'sms' });
    const viaLoginCode = await client.sendLoginCode({ contractNumber: UNKNOWN, channel: 'sms' });
    expect(second.maskedDestination).toBe(first.maskedDestination);
    expect(viaLoginCode.maskedDestination).toBe(first.maskedDestination);
    expect(first.challengeId).not.toBe(second.challengeId);
  });

  test('a decoy challenge fails and locks exactly like a real one', async () => {
    const sequence = async (contractNumber: string) => {
      const challenge = await client.createChallenge({ contractNumber, channel: 'sms' });
      const infos = [];
      for (let i = 0; i < 4; i += 1)
        infos.push(await errorInfo(client.verifyChallenge(challenge.challengeId, '000000')));
      infos.push(await errorInfo(client.createChallenge({ contractNumber, channel: 'sms' })));
      return infos;
    };
    const known = await sequence('KPT10000004');
    expect(await sequence(UNKNOWN)).toEqual(known);
    expect(known.map((info) => info.kind)).toEqual([
      'invalid-code',
      'invalid-code',
      'locked',
      'locked',
      'locked',
    ]);
  });

  test('login codes: an unknown number gets the same answer shape, a reference included', async () => {
    const known = await client.sendLoginCode({ contractNumber: 'KPT10000001', channel: 'sms' });
    const unknown = await client.sendLoginCode({ contractNumber: UNKNOWN, channel: 'sms' });
    expect(known.maskedDestination).toMatch(/^\+41 7\d \*\*\* \*\* \d\d$/);
    expect(unknown.maskedDestination).toMatch(/^\+41 7\d \*\*\* \*\* \d\d$/);
    expect(known.reference).toBe('KPT-2026-000001');
    expect(unknown.reference).toMatch(/^(KPT|CPT)-2026-000002$/);
    expect(
      lines.some((l) =>
        /^\[outbox\] SMS to \+41795550001 \(KPT10000001\): KPT portal login code \d{6}$/.test(l),
      ),
    ).toBe(true);
  });
});

describe('customer operations', () => {
  test('login mode: read and switch', async () => {
    const token = await login('KPT10000004', 'sms');
    await expect(client.getLoginMode(token)).resolves.toBe('two-step');
    await expect(client.setLoginMode(token, 'three-step')).resolves.toEqual({
      mode: 'three-step',
      reference: 'KPT-2026-000001', // the customer writes German; the identity check has no reference
    });
    await expect(client.getLoginMode(token)).resolves.toBe('three-step');
  });

  test('tax certificates: list, PDF in the customer language, missing year', async () => {
    const token = await login('KPT10000004', 'sms');
    const certificates = await client.listTaxCertificates(token);
    expect(certificates.map((c) => c.year)).toEqual([2024, 2023]);
    expect(certificates[0]?.issuedAt).toEqual(new Date('2025-01-15T08:00:00.000Z'));

    const { pdf: bytes, reference } = await client.getTaxCertificatePdf(token, 2024);
    expect(reference).toBe('KPT-2026-000001');
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Steuerbescheinigung 2024');
    expect(pdf.getPageCount()).toBe(1);

    expect(await errorInfo(client.getTaxCertificatePdf(token, 2025))).toEqual({ kind: 'not-found' });
  });

  test('certificates are deterministic and in French for a French customer; each handover has its reference', async () => {
    const token = await login('KPT10000002', 'email');
    const { pdf: first, reference: firstReference } = await client.getTaxCertificatePdf(token, 2025);
    const { pdf: second, reference: secondReference } = await client.getTaxCertificatePdf(token, 2025);
    expect([firstReference, secondReference]).toEqual(['CPT-2026-000001', 'CPT-2026-000002']);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect((await PDFDocument.load(first)).getTitle()).toBe('Attestation fiscale 2025');
  });

  test('access tokens expire after 10 minutes', async () => {
    const token = await login('KPT10000001', 'sms');
    advance(10 * MINUTE);
    expect(await errorInfo(client.getLoginMode(token))).toEqual({ kind: 'unauthorized' });
  });

  test('a wrong API key is unauthorized', async () => {
    const intruder = new BackendClient({
      baseUrl: sandbox.url,
      apiKey: 'wrong',
      timeoutMs: 5000,
      maxRetries: 0,
    });
    expect(
      await errorInfo(intruder.createChallenge({ contractNumber: 'KPT10000001', channel: 'sms' })),
    ).toEqual({
      kind: 'unauthorized',
    });
    expect(lines.some((l) => l.startsWith('[outbox]'))).toBe(false);
  });
});

describe('sending limits and idempotency', () => {
  test('more than 5 messages per contract number in 15 minutes → rate-limited', async () => {
    for (let i = 0; i < 5; i += 1)
      await client.sendLoginCode({ contractNumber: 'KPT10000001', channel: 'sms' });
    expect(await errorInfo(client.sendLoginCode({ contractNumber: 'KPT10000001', channel: 'sms' }))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 900,
    });
    expect(lines.filter((l) => l.startsWith('[outbox]'))).toHaveLength(5);
  });

  test('authenticator (TOTP) challenges send nothing and do not count against the limit', async () => {
    for (let i = 0; i < 7; i += 1) {
      await login('KPT10000003', 'totp');
      advance(MINUTE); // a new 30-second step: the previous code would be a replay
    }
    await client.sendLoginCode({ contractNumber: 'KPT10000003', channel: 'sms' });
    expect(lines.filter((l) => l.startsWith('[outbox]'))).toHaveLength(1);
  });

  test('a replayed Idempotency-Key returns the first answer without sending again', async () => {
    const send = (body: object) =>
      fetch(`${sandbox.url}/v1/login-codes`, {
        method: 'POST',
        headers: {
          'X-Api-Key': SANDBOX_API_KEY,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'key-0123456789abcdef',
        },
        body: JSON.stringify(body),
      });
    const first = await send({ contractNumber: 'KPT10000001', channel: 'sms' });
    const replay = await send({ contractNumber: 'KPT10000001', channel: 'sms' });
    expect(replay.status).toBe(first.status);
    expect(await replay.json()).toEqual(await first.json());
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(lines.filter((l) => l.startsWith('[outbox]'))).toHaveLength(1);

    const other = await send({ contractNumber: 'KPT10000001', channel: 'email' });
    expect(other.status).toBe(422);
  });

  test('codes appear only in the outbox lines of the log', async () => {
    await login('KPT10000001', 'sms');
    const code = codeFromLog('KPT10000001');
    expect(lines.filter((l) => l.includes(code)).every((l) => l.startsWith('[outbox]'))).toBe(true);
  });
});

test('a reference names one thing done: one sequence for completed actions and support requests', async () => {
  const token = await login('KPT10000002', 'email');
  const references = [
    (await client.sendLoginCode({ contractNumber: 'KPT10000002', channel: 'email' })).reference,
    (await client.setLoginMode(token, 'two-step')).reference,
    (await client.getTaxCertificatePdf(token, 2025)).reference,
    (
      await client.createSupportRequest({
        topic: 'Login',
        description: 'Je ne peux plus me connecter.',
        contact: { kind: 'email', value: 'claire.exemple@example.com' },
        language: 'fr',
        contractNumber: 'KPT10000002',
        summary: [],
        consent: true,
      })
    ).reference,
  ];
  expect(references).toEqual(['CPT-2026-000001', 'CPT-2026-000002', 'CPT-2026-000003', 'CPT-2026-000004']);
});

describe('support requests', () => {
  const request = (overrides: Partial<SupportRequest> = {}): SupportRequest => ({
    topic: 'Login gesperrt',
    description: 'Ich komme nicht mehr ins Portal.',
    contact: { kind: 'email', value: 'anna.muster@example.com' },
    language: 'de',
    contractNumber: 'KPT10000001',
    summary: [{ question: 'Passwort vergessen', entryId: 'password-forgotten', outcome: 'not-helpful' }],
    consent: true,
    ...overrides,
  });
  const post = (body: object, idempotencyKey: string = crypto.randomUUID()) =>
    fetch(`${sandbox.url}/v1/support-requests`, {
      method: 'POST',
      headers: {
        'X-Api-Key': SANDBOX_API_KEY,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  const mails = () => lines.filter((l) => l.startsWith('[outbox] E-mail to web support'));

  test('each request gets a reference, numbered per year, KPT in German and CPT in French/Italian', async () => {
    const first = await client.createSupportRequest(request());
    expect(first).toEqual({ reference: 'KPT-2026-000001', createdAt: START });
    await expect(client.createSupportRequest(request({ language: 'fr' }))).resolves.toMatchObject({
      reference: 'CPT-2026-000002',
    });
    await expect(client.createSupportRequest(request({ language: 'it' }))).resolves.toMatchObject({
      reference: 'CPT-2026-000003',
    });
    clock = new Date('2027-01-01T00:00:00.000Z');
    await expect(client.createSupportRequest(request())).resolves.toMatchObject({
      reference: 'KPT-2027-000001',
    });
  });

  test('the e-mail to the web support carries the case, with every personal datum masked', async () => {
    const planted = [
      'KPT10000001',
      'KPT 1000 0002',
      '079 123 45 67',
      '+41791234567',
      'anna.muster@example.com',
      '482913',
    ];
    await client.createSupportRequest(
      request({
        topic: 'Vertrag KPT 1000 0002',
        description: 'Rufen Sie mich an: 079 123 45 67 oder anna.muster@example.com. Code 482913 ging nicht.',
        contact: { kind: 'phone', value: '+41791234567' },
        summary: [
          { question: 'mein Vertrag KPT10000001', outcome: 'fallback' },
          { question: 'Code anfordern', entryId: 'code-card', outcome: 'action-failed' },
        ],
      }),
    );
    const [mail] = mails();
    expect(mail).toContain('request KPT-2026-000001 (de, verified, KPT******01)');
    expect(mail).toContain('Topic: Vertrag KPT******02');
    expect(mail).toContain('Contact by phone: +41 79 *** ** 67');
    expect(mail).toContain('"Code anfordern" → action-failed (code-card)');
    expect(mail).toContain('"mein Vertrag KPT******01" → fallback');
    for (const secret of planted) expect(lines.join('\n')).not.toContain(secret);
  });

  test('an unverified request says so and is not counted against any contract number', async () => {
    for (let i = 0; i < 4; i += 1)
      await client.createSupportRequest(request({ contractNumber: 'unverified', summary: [] }));
    expect(mails()).toHaveLength(4);
    expect(mails()[0]).toContain('(de, unverified)');
    expect(lines.join('\n')).toContain('(no earlier questions)');
  });

  test('more than 3 requests per contract number in 24 hours → rate-limited, nothing sent', async () => {
    for (let i = 0; i < 3; i += 1) {
      await client.createSupportRequest(request());
      advance(MINUTE);
    }
    expect(await errorInfo(client.createSupportRequest(request()))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 24 * 60 * 60 - 3 * 60,
    });
    expect(mails()).toHaveLength(3);
    await expect(
      client.createSupportRequest(request({ contractNumber: 'KPT10000002' })),
    ).resolves.toBeDefined();
    advance(24 * 60 * MINUTE - 3 * MINUTE);
    await expect(client.createSupportRequest(request())).resolves.toMatchObject({
      reference: 'KPT-2026-000005',
    });
  });

  test('a replayed Idempotency-Key returns the same reference and sends one e-mail', async () => {
    const KEY = 'support-0123456789';
    const first = await post(request(), KEY);
    const replay = await post(request(), KEY);
    expect(first.status).toBe(201);
    expect(await replay.json()).toEqual(await first.json());
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(mails()).toHaveLength(1);
    expect((await post(request({ topic: 'Anderes Thema' }), KEY)).status).toBe(422);
  });

  test('without consent, or with a contact that is no e-mail/phone, nothing is sent', async () => {
    for (const body of [
      { ...request(), consent: false },
      request({ contact: { kind: 'phone', value: '079 123 45 67' } }),
      request({ contact: { kind: 'email', value: 'anna.muster' } }),
      request({ contractNumber: 'KPT123' }),
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect(mails()).toHaveLength(0);
  });
});
