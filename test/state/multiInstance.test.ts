import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { ContractNumber } from '../../src/security/contractNumber';
import { startSandbox, SANDBOX_API_KEY, type Sandbox } from '../../src/sandbox/server';
import { transcript } from '../helpers/activities';
import { TestConversation, opening, ui } from '../helpers/conversation';
import { RedisServer } from '../helpers/redis';
import { captureLogs } from '../helpers/logs';

/**
 * Two bot instances behind a load balancer: the same Redis, the same STATE_SECRET, one backend. Every turn
 * of a conversation may reach either instance.
 */
const STATE_SECRET = 'a-shared-secret-of-at-least-32-characters';

let redis: RedisServer;
let sandbox: Sandbox;
const outbox: string[] = [];
let a: Application;
let b: Application;
let conversations = 0;

async function instance(): Promise<Application> {
  const config = loadConfig({
    REDIS_URL: redis.url,
    STATE_SECRET,
    BACKEND_URL: sandbox.url,
    BACKEND_API_KEY: SANDBOX_API_KEY,
  });
  return createApplication(config, { sandboxLog: (line) => outbox.push(line), logger: captureLogs().logger });
}

beforeAll(async () => {
  redis = await RedisServer.start();
  sandbox = await startSandbox({ port: 0, log: (line) => outbox.push(line) });
  [a, b] = [await instance(), await instance()];
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await sandbox?.close();
  await redis?.dispose();
});

/** One conversation as seen through both instances: the same conversation id on each. */
function conversation(locale: string): { on: (app: Application) => TestConversation } {
  conversations += 1;
  const id = `multi-${conversations}-${Date.now()}`;
  const ends = new Map<Application, TestConversation>();
  return {
    on: (app) => {
      if (!ends.has(app)) ends.set(app, new TestConversation(locale, app.bot, id));
      return ends.get(app)!;
    },
  };
}

async function say(end: TestConversation, text: string): Promise<string> {
  return transcript(await end.send(text));
}

function lastCode(contract: string): string {
  const line = [...outbox].reverse().find((l) => l.includes('[outbox]') && l.includes(`(${contract})`));
  const code = line?.match(/identity code (\d{6})/)?.[1];
  if (!code) throw new Error(`no identity code was sent to ${contract}`);
  return code;
}

test('a conversation whose turns alternate between the instances keeps its dialog and its verification', async () => {
  const chat = conversation('de-CH');
  expect(await say(chat.on(a), 'Ich möchte das Login auf zwei Stufen umstellen')).toContain(
    opening('de', 'verify.intro'),
  );
  expect(await say(chat.on(b), 'KPT10000001')).toContain(ui('de', 'verify.askChannel'));
  expect(await say(chat.on(a), 'per SMS')).toContain(ui('de', 'verify.askCode'));
  const verified = await say(chat.on(b), lastCode('KPT10000001'));
  expect(verified).toContain(ui('de', 'verify.verified'));
  expect(verified).toContain(ui('de', 'loginSteps.confirmToTwo'));
  const twoStep = ui('de', 'loginSteps.mode.two-step');
  expect(await say(chat.on(a), 'ja')).toContain(ui('de', 'loginSteps.switched', { mode: twoStep }));

  // Still verified on the other instance: it reads the sealed access token written by the first.
  const again = await say(chat.on(b), 'Ich möchte das Login auf drei Stufen umstellen');
  expect(again).not.toContain(opening('de', 'verify.intro'));
  expect(again).toContain(ui('de', 'loginSteps.current', { mode: twoStep }));
  expect(await say(chat.on(a), 'ja')).toContain(
    ui('de', 'loginSteps.switched', { mode: ui('de', 'loginSteps.mode.three-step') }),
  );
});

test('a lockout made through one instance holds on the other', async () => {
  const contract = 'KPT10000004';
  const chat = conversation('de-CH').on(a);
  await say(chat, 'Ich brauche die Steuerbescheinigung');
  await say(chat, contract);
  await say(chat, 'per SMS');
  const wrong = String((Number(lastCode(contract)) + 1) % 1_000_000).padStart(6, '0');
  await say(chat, wrong);
  await say(chat, wrong);
  expect(await say(chat, wrong)).toContain(opening('de', 'verify.locked'));

  // The bot's own lock (not the backend's) answers on B, before any code is sent.
  expect(await b.services.actions.guard.lockedForMs(contract as ContractNumber)).toBeGreaterThan(14 * 60_000);
  const other = conversation('de-CH').on(b);
  await say(other, 'Ich möchte das Login auf zwei Stufen umstellen');
  expect(await say(other, contract)).toContain(opening('de', 'verify.locked'));
});

test('two turns of one conversation at the same time on both instances: neither write is lost', async () => {
  const chat = conversation('fr-CH');
  // A welcome (marks the conversation as welcomed) and a request (starts a dialog), at once.
  const [welcome, request] = await Promise.all([
    chat.on(a).join(),
    chat.on(b).send('je veux passer à la connexion en deux étapes'),
  ]);
  expect(transcript(welcome)).not.toBe('');
  expect(transcript(request)).toContain(opening('fr', 'verify.intro'));

  // The dialog survived: the contract number is taken as its answer …
  expect(await say(chat.on(a), 'KPT10000002')).toContain(ui('fr', 'verify.askChannel'));
  // … and so did the welcome: announcing the user again does not repeat it.
  expect(await chat.on(b).join()).toEqual([]);
});

test('the per-minute message limit of a conversation holds across both instances', async () => {
  const chat = conversation('de-CH');
  const slowDown = ui('de', 'errors.slowDown');
  // The default limit is 20 a minute: 20 messages alternate between the instances, the 21st is refused.
  for (let i = 0; i < 20; i += 1) {
    expect(await say(chat.on(i % 2 === 0 ? a : b), 'Hallo')).not.toContain(slowDown);
  }
  expect(await say(chat.on(a), 'Hallo')).toBe(slowDown);
  expect(await say(chat.on(b), 'Hallo')).toBe(slowDown);
});

test('Redis down: "temporarily unavailable" in the user\'s language, then recovery without losing anything', async () => {
  const chat = conversation('it-CH').on(a);
  expect(await say(chat, 'voglio passare al login a due livelli')).toContain(opening('it', 'verify.intro'));

  await redis.stop();
  const down = await say(chat, 'KPT10000003');
  expect(down).toContain(opening('it', 'errors.temporarilyUnavailable'));
  expect((await a.readiness.report()).ready).toBe(false);

  await redis.start();
  await waitUntil(async () => (await a.readiness.report()).ready);
  // The dialog committed before the outage goes on where it was.
  expect(await say(chat, 'KPT10000003')).toContain(ui('it', 'verify.askChannel'));
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
