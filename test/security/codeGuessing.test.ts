import { IdentityGuard, VERIFICATION_RULES } from '../../src/security/identityGuard';
import type { ContractNumber } from '../../src/security/contractNumber';
import { MemoryExpiringStore } from '../../src/security/expiringStore';
import { SecretBox } from '../../src/security/secretBox';
import { RedisExpiringStore } from '../../src/state/redisExpiringStore';
import { transcript } from '../helpers/activities';
import { ActionApp, type ActionChat } from '../helpers/actionApp';
import { ui } from '../helpers/conversation';
import { redisForTests } from '../helpers/redis';

/** Finding 5 of the attack round: code sending and code guessing, through the real bot and sandbox. */
const MINUTE = 60_000;
const CUSTOMER = 'KPT10000001';
const SWITCH_STEPS = 'Ich möchte das Login auf zwei Stufen umstellen';

/** One turn as a given user (the channel's from.id): what the user reads. */
const redis = redisForTests();

const sayAs = async (chat: ActionChat, userId: string, text: string) =>
  transcript(await chat.conversation.send({ text, from: { id: userId, name: userId } }));

describe('code sending and guessing', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  // Every test starts two hours later: earlier budgets and lockouts have lapsed.
  beforeEach(() => sut.advance(120 * MINUTE));

  const outbox = (contract: string) =>
    sut.sandboxLog.filter((line) => line.includes('[outbox] SMS') && line.includes(`(${contract})`)).length;
  const verifications = () => sut.sandboxLog.filter((line) => /POST \S*verifications/.test(line)).length;

  async function untilCodePrompt(chat: ActionChat, contract: string): Promise<string> {
    await chat.say(SWITCH_STEPS);
    await chat.say(contract);
    return chat.say('per SMS');
  }

  test('verification codes count against the 5 codes a contract number may receive per hour', async () => {
    const before = outbox(CUSTOMER);
    const answers: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const request = sut.chat('de-CH');
      await request.say('Schicken Sie mir einen Code per SMS');
      await request.say(CUSTOMER);
      answers.push(await request.say('SMS'));
      answers.push(await untilCodePrompt(sut.chat('de-CH'), CUSTOMER));
    }
    expect(outbox(CUSTOMER) - before).toBe(VERIFICATION_RULES.codeRequestsPerHour);
    expect(answers.slice(-3).join('\n')).toContain(ui('de', 'requestCode.rateLimited'));
  });

  test('one user guessing across many numbers gets a polite wait before the backend sees every code', async () => {
    const before = verifications();
    const read: string[] = [];
    for (let n = 0; n < 8; n += 1) {
      const chat = sut.chat('de-CH');
      await untilCodePrompt(chat, `KPT2000000${n}`);
      read.push(await sayAs(chat, 'guesser', '000000'), await sayAs(chat, 'guesser', '000001'));
    }
    const { perUser } = VERIFICATION_RULES.codeChecks;
    expect(verifications() - before).toBe(perUser.max);
    expect(read[perUser.max]).toBe(ui('de', 'codeChecks.wait', { count: 60 }));
  });

  test('one conversation guessing across numbers gets the polite wait too', async () => {
    const before = verifications();
    const chat = sut.chat('de-CH');
    const read: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      await untilCodePrompt(chat, `KPT3000000${n}`);
      read.push(await sayAs(chat, `user-${n}-a`, '000000'), await sayAs(chat, `user-${n}-b`, '000001'));
      await chat.say('abbrechen');
      sut.advance(MINUTE); // slow enough for the message rate limit, fast for the code budget
    }
    const { perConversation } = VERIFICATION_RULES.codeChecks;
    expect(verifications() - before).toBe(perConversation.max);
    expect(read.join('\n')).toContain(ui('de', 'codeChecks.wait', { count: 57 }));
  });
});

describe.each([
  ['in memory', () => ({})],
  ['in Redis (several instances)', () => ({ store: new RedisExpiringStore(redis.client()) })],
])('five parallel wrong codes for one number, state %s', (_where, state) => {
  test('only three reach the backend, and the number is locked', async () => {
    const sut = await ActionApp.start({}, state());
    try {
      const verifications = () => sut.sandboxLog.filter((line) => /POST \S*verifications/.test(line)).length;
      const chats = Array.from({ length: 5 }, () => sut.chat('de-CH'));
      for (const chat of chats) {
        await chat.say(SWITCH_STEPS);
        await chat.say('KPT10000002');
        await chat.say('per SMS');
      }
      const read = await Promise.all(chats.map((chat, i) => sayAs(chat, `parallel-${i}`, '999999')));
      expect(verifications()).toBe(VERIFICATION_RULES.maxWrongCodes);
      const locked = ui('de', 'verify.locked').slice(0, 40);
      expect(read.filter((text) => text.startsWith(locked))).toHaveLength(3);
      const later = sut.chat('de-CH');
      await later.say(SWITCH_STEPS);
      expect(await later.say('KPT10000002')).toContain(locked);
    } finally {
      await sut.close();
    }
  });
});

test('beyond the total budget, every checker is asked to wait (busy)', async () => {
  const guard = new IdentityGuard(new MemoryExpiringStore(() => 0), new SecretBox('test-secret'));
  const { total } = VERIFICATION_RULES.codeChecks;
  const checks = await Promise.all(
    Array.from({ length: total.max + 5 }, (_, i) =>
      guard.beginCodeCheck(`KPT4${String(i).padStart(7, '0')}` as ContractNumber, {
        conversationId: `c${i}`,
        userId: `u${i}`,
      }),
    ),
  );
  expect(checks.filter((c) => c.allowed)).toHaveLength(total.max);
  const refused = checks.filter((c) => !c.allowed);
  expect(refused).toEqual(Array(5).fill({ allowed: false, reason: 'busy', waitMs: total.windowMs }));
});
