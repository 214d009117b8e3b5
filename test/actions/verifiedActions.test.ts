import { BackendClient } from '../../src/backend';
import type { Language } from '../../src/language';
import { SANDBOX_API_KEY } from '../../src/sandbox/server';
import { textOf } from '../helpers/activities';
import { ActionApp, type ActionChat } from '../helpers/actionApp';
import { defaultServices, supportContacts, opening, ui } from '../helpers/conversation';

/**
 * The three self-service actions, in each language, through the real bot, backend client and sandbox
 * backend: what the user reads, and which security rule holds.
 */

interface LanguageCase {
  lang: Language;
  locale: string;
  /** A demo customer of the sandbox and how they verify. */
  customer: string;
  channel: string;
  totp: boolean;
  /** The years the customer has a certificate for (sandbox, 2026). */
  years: string[];
  /** What the user types. */
  requestCode: string;
  requestCodeChannel: string;
  switchSteps: string;
  /** The way back: asks for three steps. */
  switchBack: string;
  taxCertificate: string;
  lastYear: string;
  yes: string;
  cancel: string;
}

const CASES: LanguageCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    customer: 'KPT10000001',
    channel: 'per SMS',
    totp: false,
    years: ['2025', '2024', '2023'],
    requestCode: 'Schicken Sie mir einen Code',
    requestCodeChannel: 'SMS',
    switchSteps: 'Ich möchte das Login auf zwei Stufen umstellen',
    switchBack: 'Ich möchte wieder das dreistufige Login',
    taxCertificate: 'Ich brauche die Steuerbescheinigung',
    lastYear: 'letztes Jahr',
    yes: 'ja',
    cancel: 'abbrechen',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    customer: 'KPT10000002',
    channel: 'par e-mail',
    totp: false,
    years: ['2025', '2024', '2023'],
    requestCode: 'Envoyez-moi un code, svp',
    requestCodeChannel: 'courriel',
    switchSteps: 'je veux passer à la connexion en deux étapes',
    switchBack: 'je veux revenir à la connexion à trois étapes',
    taxCertificate: "J'ai besoin du justificatif fiscal",
    lastYear: "l'année dernière",
    yes: 'oui',
    cancel: 'annuler',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    customer: 'KPT10000003',
    channel: 'app authenticator',
    totp: true,
    years: ['2025', '2024'],
    requestCode: 'Mi invii un codice',
    requestCodeChannel: 'e-mail',
    switchSteps: 'voglio passare al login a due livelli',
    switchBack: 'voglio tornare al login a tre livelli',
    taxCertificate: "Mi serve l'attestato fiscale",
    lastYear: "l'anno scorso",
    yes: 'sì',
    cancel: 'annulla',
  },
];

const MINUTE = 60_000;

describe.each(CASES)('verified actions in $lang', (c) => {
  let sut: ActionApp;

  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  // Every test starts two hours later: earlier lockouts, code limits and verifications have lapsed.
  beforeEach(() => sut.advance(120 * MINUTE));

  const code = () => (c.totp ? sut.authenticatorCode() : sut.lastIdentityCode(c.customer));
  const wrong = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

  /** Starts an action and identifies up to the code prompt. */
  async function untilCodePrompt(chat: ActionChat, request: string, customer = c.customer): Promise<string> {
    const read = [await chat.say(request), await chat.say(customer), await chat.say(c.channel)];
    return read.join('\n');
  }

  test('switch-login-steps: verified, the current mode shown, the warning repeated, switched', async () => {
    const chat = sut.chat(c.locale);
    const start = await untilCodePrompt(chat, c.switchSteps);
    expect(start).toContain(opening(c.lang, 'verify.intro'));
    expect(start).toContain(ui(c.lang, c.totp ? 'verify.askTotp' : 'verify.askCode'));

    const verified = await chat.say(code());
    expect(verified).toContain(ui(c.lang, 'verify.verified'));
    const threeStep = ui(c.lang, 'loginSteps.mode.three-step');
    expect(verified).toContain(ui(c.lang, 'loginSteps.current', { mode: threeStep }));
    expect(verified).toContain(ui(c.lang, 'loginSteps.confirmToTwo'));

    const twoStep = ui(c.lang, 'loginSteps.mode.two-step');
    expect(await chat.say(c.yes)).toContain(ui(c.lang, 'loginSteps.switched', { mode: twoStep }));

    // Still verified in this conversation: switching back asks no code again.
    const back = await chat.say(c.switchBack);
    expect(back).not.toContain(opening(c.lang, 'verify.intro'));
    expect(back).toContain(ui(c.lang, 'loginSteps.current', { mode: twoStep }));
    expect(back).toContain(ui(c.lang, 'loginSteps.confirmToThree'));
    expect(await chat.say(c.yes)).toContain(ui(c.lang, 'loginSteps.switched', { mode: threeStep }));
  });

  test('tax-certificate: year by words, a year without certificate, the PDF behind a short-lived link', async () => {
    const chat = sut.chat(c.locale);
    await untilCodePrompt(chat, c.taxCertificate);
    const replies = await chat.conversation.send(code());
    const read = replies.map(textOf).join('\n');
    expect(read).toContain(ui(c.lang, 'tax.askYear'));
    // Buttons for the years that have a certificate (at most three), and to stop.
    const buttons = replies.flatMap((r) =>
      (r.attachments ?? []).flatMap((a) => (a.content as { buttons?: { title: string }[] }).buttons ?? []),
    );
    expect(buttons.map((b) => b.title)).toEqual([...c.years, ui(c.lang, 'actions.cancel')]);

    const missing = await chat.say('2019');
    expect(missing).toContain(ui(c.lang, 'tax.noCertificate', { year: 2019 }));
    expect(missing).toContain(ui(c.lang, 'tax.askYear'));

    const delivered = await chat.conversation.send(c.lastYear);
    const ready = delivered.find((r) => r.attachments?.some((a) => a.contentType === 'application/pdf'));
    expect(ready?.text).toContain(opening(c.lang, 'tax.ready'));
    const link = ready!.attachments!.find((a) => a.contentType === 'application/pdf')!;
    expect(link.name).toBe(ui(c.lang, 'tax.fileName', { year: 2025 }));
    // One way to open it: a second copy of the single-use link (in the text) would answer "already used".
    expect(JSON.stringify(ready).split(link.contentUrl!)).toHaveLength(2);
    expect(ready?.text).not.toContain('/downloads/');
    const token = link.contentUrl!.split('/downloads/')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 256 random bits, not guessable
    const document = await sut.app.downloads.find(token);
    expect(document?.content.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // The link is short-lived.
    sut.advance(11 * MINUTE);
    expect(await sut.app.downloads.find(token)).toBeUndefined();
  });

  test('request-code: a bad format gets the expected one; the same answer for an unknown number', async () => {
    const chat = sut.chat(c.locale);
    await chat.say(c.requestCode);
    const bad = await chat.say('KPT 123');
    expect(bad).toContain(opening(c.lang, 'verify.badContract'));
    expect(bad).toContain('KPT12345678');
    await chat.say(`${c.customer.slice(0, 3)}-${c.customer.slice(3)}`);
    const sent = await chat.say(c.requestCodeChannel);
    expect(sent).toContain(opening(c.lang, 'requestCode.sentTo'));
    expect(
      sut.sandboxLog.some(
        (l) => l.includes('[outbox]') && l.includes(`(${c.customer}): KPT portal login code`),
      ),
    ).toBe(true);

    const other = sut.chat(c.locale);
    await other.say(c.requestCode);
    await other.say('kpt 9999 9999');
    const unknown = await other.say(c.requestCodeChannel);
    // Only the (decoy) masked destination and the receipt's reference (a decoy one too) may differ.
    const shape = (s: string) =>
      s
        .replace(/\+41 7\d \*\*\* \*\* \d\d|\S\*\*\*@\S\*\*\*\.[a-z]+/g, 'X')
        .replace(/\b(KPT|CPT)-2026-\d{6}\b/g, 'REFERENCE');
    expect(shape(unknown)).toBe(shape(sent));
  });

  test('verification with an unknown number reads the same and never succeeds', async () => {
    const chat = sut.chat(c.locale);
    const read = await untilCodePrompt(chat, c.switchSteps, 'KPT99999999');
    expect(read).toContain(ui(c.lang, c.totp ? 'verify.askTotp' : 'verify.askCode'));
    expect(await chat.say('123456')).toContain(ui(c.lang, 'verify.wrongCode', { count: 2 }));
  });

  test('3 wrong codes lock the contract number for 15 minutes, also in a new conversation', async () => {
    const chat = sut.chat(c.locale);
    await untilCodePrompt(chat, c.taxCertificate);
    const right = code();
    expect(await chat.say(wrong(right))).toContain(ui(c.lang, 'verify.wrongCode', { count: 2 }));
    expect(await chat.say(wrong(right))).toContain(ui(c.lang, 'verify.wrongCode', { count: 1 }));
    const locked = await chat.say(wrong(right));
    expect(locked).toContain(opening(c.lang, 'verify.locked'));
    expect(locked).toContain(supportContacts(c.lang).email);
    expect(locked).toContain(supportContacts(c.lang).phone);
    // The flow is over: the right code is now just a number, not a verification.
    expect(await chat.say(right)).not.toContain(ui(c.lang, 'verify.verified'));

    sut.advance(10 * MINUTE);
    const another = sut.chat(c.locale);
    await another.say(c.switchSteps);
    expect(await another.say(c.customer)).toContain(opening(c.lang, 'verify.locked'));

    sut.advance(6 * MINUTE);
    const later = sut.chat(c.locale);
    await untilCodePrompt(later, c.switchSteps);
    expect(await later.say(code())).toContain(ui(c.lang, 'verify.verified'));
  });

  test('a code older than 5 minutes is refused and a new one is sent', async () => {
    const chat = sut.chat(c.locale);
    await untilCodePrompt(chat, c.switchSteps);
    sut.advance(6 * MINUTE);
    const expired = await chat.say(code());
    expect(expired).toContain(ui(c.lang, 'verify.expired'));
    expect(expired).not.toContain(ui(c.lang, 'verify.verified'));
    // A fresh challenge was started: its code works.
    expect(await chat.say(code())).toContain(ui(c.lang, 'verify.verified'));
  });

  test('a code is accepted once: replaying it in another conversation fails', async () => {
    const first = sut.chat(c.locale);
    await untilCodePrompt(first, c.switchSteps);
    const used = code();
    expect(await first.say(used)).toContain(ui(c.lang, 'verify.verified'));
    await first.say(ui(c.lang, 'loginSteps.no'));

    const second = sut.chat(c.locale);
    await untilCodePrompt(second, c.switchSteps);
    const replay = await second.say(used);
    expect(replay).not.toContain(ui(c.lang, 'verify.verified'));
    expect(replay).toContain(ui(c.lang, 'verify.replayed'));
  });

  test('a verification lapses after 10 minutes without a turn and is not shared with other conversations', async () => {
    const chat = sut.chat(c.locale);
    await untilCodePrompt(chat, c.switchSteps);
    await chat.say(code());
    await chat.say(ui(c.lang, 'loginSteps.no'));

    const other = sut.chat(c.locale);
    expect(await other.say(c.switchSteps)).toContain(opening(c.lang, 'verify.intro'));

    sut.advance(11 * MINUTE);
    expect(await chat.say(c.switchSteps)).toContain(opening(c.lang, 'verify.intro'));
  });

  test('cancel at any step: the flow ends and the next message is a question again', async () => {
    const chat = sut.chat(c.locale);
    await chat.say(c.taxCertificate);
    expect(await chat.say(c.cancel)).toContain(ui(c.lang, 'cancel.done'));
    expect(await chat.say(c.customer)).not.toContain(ui(c.lang, 'verify.askChannel').slice(0, 20));

    await untilCodePrompt(chat, c.taxCertificate);
    expect(await chat.say(c.cancel)).toContain(ui(c.lang, 'cancel.done'));
    expect(await chat.say(c.cancel)).toContain(ui(c.lang, 'cancel.nothing'));
  });

  test('an FAQ question in the middle of a flow is answered and the flow goes on', async () => {
    const chat = sut.chat(c.locale);
    await untilCodePrompt(chat, c.switchSteps);
    const entry = defaultServices().faq.current().entry('documents-where')!.text[c.lang];
    const answered = await chat.say(entry.question);
    expect(answered).toContain(entry.answer.slice(0, 40));
    expect(answered).toContain(
      ui(c.lang, 'actions.back', { action: ui(c.lang, 'actions.switch-login-steps.name') }),
    );
    // The question comes again, so the user knows what to answer.
    expect(answered).toContain(ui(c.lang, c.totp ? 'verify.askTotp' : 'verify.askCode'));
    expect(await chat.say(code())).toContain(ui(c.lang, 'verify.verified'));
  });
});

describe('per-contract sending limits', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  beforeEach(() => sut.advance(120 * MINUTE));

  test('an authenticator code is not sent, so verifying with it is not limited', async () => {
    const c = CASES.find((x) => x.totp)!;
    // The sandbox sends at most 5 codes per number in 15 minutes; the 6th authenticator login is the proof.
    for (let i = 0; i < 6; i += 1) {
      const chat = sut.chat(c.locale);
      await chat.say(c.switchSteps);
      await chat.say(c.customer);
      expect(await chat.say(c.channel)).toContain(ui(c.lang, 'verify.askTotp'));
      expect(await chat.say(sut.authenticatorCode())).toContain(ui(c.lang, 'verify.verified'));
      sut.advance(MINUTE); // the next 30-second step: the code before would be a replay
    }
  });

  test.each(CASES.filter((x) => !x.totp))(
    '$lang: codes already sent elsewhere → the contract limit and the minutes to wait, not general load',
    async (c) => {
      // The portal itself sent the backend's 5 codes for this number in the last 15 minutes.
      const portal = new BackendClient({
        baseUrl: sut.app.backendUrl,
        apiKey: SANDBOX_API_KEY,
        timeoutMs: 5000,
        maxRetries: 0,
      });
      for (let i = 0; i < 5; i += 1)
        await portal.sendLoginCode({ contractNumber: c.customer, channel: 'sms' });
      const chat = sut.chat(c.locale);
      await chat.say(c.switchSteps);
      await chat.say(c.customer);
      const refused = await chat.say(c.channel);
      expect(refused).toContain(ui(c.lang, 'backend.contractRateLimited', { count: 15 }));
      expect(refused).not.toContain(ui(c.lang, 'backend.rateLimited'));
    },
  );
});

describe('when the backend is down', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    // Nothing listens on port 9 of loopback: every call is refused at once.
    sut = await ActionApp.start({
      BACKEND_URL: 'http://127.0.0.1:9',
      BACKEND_API_KEY: 'test-key',
      BACKEND_MAX_RETRIES: '0',
    });
  });
  afterAll(() => sut.close());

  test.each(CASES)('$lang: the user is told the service is unavailable, with the phone number', async (c) => {
    const chat = sut.chat(c.locale);
    const read = [await chat.say(c.taxCertificate), await chat.say(c.customer), await chat.say(c.channel)];
    expect(read[2]).toContain(ui(c.lang, 'backend.unavailable'));

    await chat.say(c.requestCode);
    await chat.say(c.customer);
    const failed = await chat.say(c.requestCodeChannel);
    expect(failed).toContain(opening(c.lang, 'backend.unavailable'));
    expect(failed).not.toMatch(/(KPT|CPT)-\d{4}-\d{6}/); // nothing done, so no receipt
    // The bot is still there for questions.
    const entry = defaultServices().faq.current().entry('ebill')!.text[c.lang];
    expect(await chat.say(entry.question)).toContain(entry.answer.slice(0, 40));
  });
});
