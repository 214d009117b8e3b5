import { TestAdapter } from 'botbuilder';
import { createApplication } from '../../src/app';
import { loadConfig } from '../../src/config';
import { withCorrelationId } from '../../src/observability/correlation';
import { captureLogs } from '../helpers/logs';

const CONTRACT = 'KPT12345678';
const PHONE = '+41 79 555 00 01';
const EMAIL = 'anna.muster@example.com';
const CODE = '482913';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJl';
const SECRETS = [CONTRACT, '12345678', '79 555 00 01', EMAIL, CODE, JWT, 'c2lnbmF0dXJl'];

function expectNoSecrets(lines: string[]): void {
  const all = lines.join('\n');
  for (const secret of SECRETS) expect(all).not.toContain(secret);
}

describe('the structured logger', () => {
  test('writes one JSON object per line, with level, time and message', () => {
    const { logger, entries } = captureLogs();
    logger.info({ durationMs: 12 }, 'turn');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'turn', durationMs: 12, time: expect.any(String) }),
    ]);
  });

  test('masks personal data and credentials in messages, fields, nested values and errors', () => {
    const { logger, lines, entries } = captureLogs();
    logger.warn(`user typed ${CONTRACT}, ${PHONE}, ${EMAIL} and the code ${CODE}`);
    logger.info({ detail: { note: `Bearer ${JWT}`, list: [`call ${PHONE}`] } }, 'nested');
    logger.error({ err: new Error(`backend refused ${CONTRACT} for ${EMAIL}`) }, 'failed');
    logger.error(new Error(`code ${CODE} rejected`));
    expectNoSecrets(lines);
    const [typed, nested, failed] = entries();
    expect(typed!.msg).toContain('KPT******78');
    expect(JSON.stringify(nested)).toContain('[token]');
    expect(JSON.stringify(failed)).toContain('[e-mail]');
  });

  test('redacts sensitive fields by name, whatever their value looks like', () => {
    const { logger, lines, entries } = captureLogs();
    logger.info(
      {
        contractNumber: CONTRACT,
        code: 'abc',
        token: 'opaque',
        request: { headers: { authorization: 'Basic dXNlcjpwdw==' }, phone: 'my phone' },
      },
      'fields',
    );
    expectNoSecrets(lines);
    expect(lines.join('')).not.toMatch(/opaque|dXNlcjpwdw|my phone/);
    expect(entries()[0]).toMatchObject({
      contractNumber: '[redacted]',
      code: '[redacted]',
      token: '[redacted]',
    });
  });

  test('lines written during a turn carry its correlation id; others do not', async () => {
    const { logger, entries } = captureLogs();
    logger.info('outside');
    await withCorrelationId('turn-42', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info('inside, after an await');
    });
    expect(entries().map((e) => [e.msg, e.correlationId])).toEqual([
      ['outside', undefined],
      ['inside, after an await', 'turn-42'],
    ]);
  });
});

test('a turn of the bot logs one line with its correlation id, type, outcome and duration, and no personal data', async () => {
  const { logger, lines, entries } = captureLogs('debug');
  const app = await createApplication(loadConfig({ SANDBOX_PORT: '0' }), {
    sandboxLog: () => undefined,
    logger,
  });
  try {
    const adapter = new TestAdapter(async (context) => app.bot.run(context));
    await adapter.send(`Mein Vertrag ${CONTRACT}, Telefon ${PHONE}, Mail ${EMAIL}, Code ${CODE}`);
    await adapter.send('Wie hoch ist der Online-Rabatt?');
    const turns = entries().filter((e) => e.msg === 'turn');
    expect(turns).toHaveLength(2);
    for (const turn of turns) {
      expect(turn).toMatchObject({ type: 'message', outcome: 'ok', durationMs: expect.any(Number) });
      expect(turn.correlationId).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(turns[0]!.correlationId).not.toBe(turns[1]!.correlationId);
    expectNoSecrets(lines);
  } finally {
    await app.close();
  }
});
