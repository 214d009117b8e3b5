import { MemoryStorage } from 'botbuilder';
import { MemoryExpiringStore } from '../../src/security/expiringStore';
import { ActionApp } from '../helpers/actionApp';

/** A store that keeps a copy of every key and value written to it. */
class RecordingStore extends MemoryExpiringStore {
  readonly written: string[] = [];
  override async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.written.push(key, value);
    return super.set(key, value, ttlMs);
  }
  override async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.written.push(key, value);
    return super.setIfAbsent(key, value, ttlMs);
  }
  override async increment(key: string, ttlMs: number): Promise<number> {
    this.written.push(key);
    return super.increment(key, ttlMs);
  }
}

/**
 * All three actions end to end, then everything the bot wrote — log lines, console output, conversation
 * state, the security store — is searched for the personal data that went through it.
 */
describe('no personal data in clear in logs or storage', () => {
  const memory: Record<string, string> = {};
  const store = new RecordingStore();
  const consoleOutput: string[] = [];
  let sut: ActionApp;
  const typedCodes: string[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOutput.push(args.map(String).join(' '));
      });
    }
    sut = await ActionApp.start({}, { storage: new MemoryStorage(memory), store });

    const chat = sut.chat('de-CH');
    const enterCode = async (code: string) => {
      typedCodes.push(code);
      return chat.say(code);
    };
    // request-code, a wrong contract number spelling, SMS
    await chat.say('Schicken Sie mir einen Code per SMS');
    await chat.say('kpt 1000 0001');
    await chat.say('SMS');
    // switch-login-steps with one wrong code first, by e-mail
    await chat.say('Ich möchte das Login auf zwei Stufen umstellen');
    await chat.say('KPT-10000001');
    await chat.say('E-Mail');
    await enterCode('000000');
    await enterCode(sut.lastIdentityCode('KPT10000001'));
    await chat.say('nein');
    // tax certificate, still verified
    await chat.say('Ich brauche die Steuerbescheinigung');
    await chat.say('2024');
    // the French customer by e-mail, the Italian one with the authenticator app
    const claire = sut.chat('fr-CH');
    await claire.say('je veux passer à la connexion en deux étapes');
    await claire.say('KPT10000002');
    await claire.say('e-mail');
    await claire.say(sut.lastIdentityCode('KPT10000002'));
    const luca = sut.chat('it-CH');
    await luca.say("Mi serve l'attestato fiscale");
    await luca.say('KPT10000003');
    await luca.say('app');
    typedCodes.push(sut.authenticatorCode());
    await luca.say(sut.authenticatorCode());
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await sut.close();
  });

  /** What the bot wrote. The sandbox's own lines stand for the insurer's systems and SMS gateway. */
  const written = () => [...sut.botLog, ...consoleOutput, ...Object.entries(memory).flat(), ...store.written];

  test('the flows really ran (codes were sent, state was stored)', () => {
    expect(typedCodes.length).toBe(3);
    expect(Object.keys(memory).length).toBeGreaterThan(0);
    expect(store.written.length).toBeGreaterThan(0);
    expect(sut.sandboxLog.some((l) => l.includes('[outbox]'))).toBe(true);
  });

  test.each([
    ['contract numbers', /KPT[\s-]?1000[\s-]?000[1-3]|1000000[1-3]/i],
    ['phone numbers', /\+?41\s?79\s?555|555\s?00\s?0[14]/],
    ['e-mail addresses', /(anna\.muster|claire\.exemple|luca\.esempio)@example\.com/],
  ])('no %s', (_what, pattern) => {
    for (const text of written()) expect(text).not.toMatch(pattern);
  });

  test('no one-time code the user typed', () => {
    for (const text of written()) for (const code of typedCodes) expect(text).not.toContain(code);
  });

  test('no access token or API key', () => {
    for (const text of written()) {
      expect(text).not.toMatch(/Bearer\s/i);
      expect(text).not.toContain('sandbox-api-key');
    }
  });
});
