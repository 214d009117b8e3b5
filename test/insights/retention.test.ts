import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApplication } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';
import type { InsightEvent } from '../../src/insights/events';
import { INSIGHTS_STREAM } from '../../src/insights/redisStore';
import { captureLogs } from '../helpers/logs';
import { redisForTests } from '../helpers/redis';

/**
 * What users asked is kept INSIGHTS_RETENTION_DAYS (default 90) and then deleted without anyone doing
 * anything: a server that starts prunes its file, or the Redis stream all instances share.
 */
const STATE_SECRET = 'a-shared-secret-of-at-least-32-characters';
const DAY_MS = 86_400_000;
const redis = redisForTests();

const question = (daysAgo: number, text: string): InsightEvent => ({
  type: 'question',
  at: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
  lang: 'de',
  outcome: 'fallback',
  text,
  candidates: [],
});

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'retention-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a serving instance, lets its start-up pruning finish (close waits for the recorder), stops it. */
async function startAndStop(env: Record<string, string>) {
  const logs = captureLogs();
  const app = await createApplication(loadConfig({ SANDBOX_PORT: '0', ...env }), {
    sandboxLog: () => undefined,
    logger: logs.logger,
    serving: true,
  });
  await app.close();
  return logs;
}

test('the file: records older than INSIGHTS_RETENTION_DAYS go at start-up, the newer stay in order', async () => {
  const file = path.join(dir, 'insights.jsonl');
  const events = [question(120, 'sehr alt'), question(31, 'alt'), question(29, 'neu'), question(1, 'neuer')];
  writeFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join('') + '{"type":"question","at":\n');

  const logs = await startAndStop({ INSIGHTS_FILE: file, INSIGHTS_RETENTION_DAYS: '30' });

  const kept = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  expect(kept).toEqual(['neu', 'neuer']);
  expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'info', removed: 3 }));
});

test('the file: by default 90 days are kept', async () => {
  const file = path.join(dir, 'default.jsonl');
  writeFileSync(
    file,
    [question(91, 'zu alt'), question(89, 'bleibt')].map((e) => `${JSON.stringify(e)}\n`).join(''),
  );

  await startAndStop({ INSIGHTS_FILE: file });

  expect(readFileSync(file, 'utf8')).not.toContain('zu alt');
  expect(readFileSync(file, 'utf8')).toContain('bleibt');
});

test('the Redis stream: records older than INSIGHTS_RETENTION_DAYS go at start-up (XTRIM MINID)', async () => {
  const client = redis.client();
  await client.flushall();
  for (const [daysAgo, text] of [
    [40, 'alt'],
    [35, 'auch alt'],
    [2, 'neu'],
  ] as const) {
    const id = `${Date.now() - daysAgo * DAY_MS}-0`;
    await client.xadd(INSIGHTS_STREAM, id, 'event', JSON.stringify(question(daysAgo, text)));
  }

  await startAndStop({
    REDIS_URL: redis.server().url,
    STATE_SECRET,
    INSIGHTS_RETENTION_DAYS: '30',
    INSIGHTS_FILE: path.join(dir, 'unused.jsonl'),
  });

  const left = await client.xrange(INSIGHTS_STREAM, '-', '+');
  expect(left.map(([, fields]) => (JSON.parse(fields[1]) as { text: string }).text)).toEqual(['neu']);
});

test('INSIGHTS_RETENTION_DAYS of 0 stops start-up naming the variable and the value', () => {
  expect(() => loadConfig({ INSIGHTS_RETENTION_DAYS: '0' })).toThrow(ConfigError);
  expect(() => loadConfig({ INSIGHTS_RETENTION_DAYS: '0' })).toThrow('INSIGHTS_RETENTION_DAYS="0"');
});
