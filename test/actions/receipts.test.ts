import { ActivityTypes, CardFactory, Channels, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { Language } from '../../src/language';
import { DEMO_CUSTOMERS } from '../../src/sandbox/customers';
import { ActionApp, type ActionChat } from '../helpers/actionApp';
import { opening, supportContacts, ui } from '../helpers/conversation';

/**
 * Every completed action ends with a receipt in the reply that completes it: what was done, when (Swiss
 * time, in the user's language), the backend's reference, and what to do if it was not the user.
 * Through the real bot, backend client and sandbox backend.
 */

interface ReceiptCase {
  lang: Language;
  locale: string;
  customer: string;
  /** The prefix of the customer's references: the backend takes it from their correspondence language. */
  prefix: 'KPT' | 'CPT';
  verifyBy: string;
  totp: boolean;
  requestCode: string;
  /** The channel the extra login code is sent by, as typed, and its receipt key. */
  codeChannel: string;
  codeChannelKey: 'sms' | 'email';
  switchSteps: string;
  switchBack: string;
  taxCertificate: string;
  lastYear: string;
  yes: string;
  no: string;
  cancel: string;
  /** 10 March 2026 as the receipt writes it. */
  date: string;
}

const CASES: ReceiptCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    customer: 'KPT10000001',
    prefix: 'KPT',
    verifyBy: 'per SMS',
    totp: false,
    requestCode: 'Schicken Sie mir einen Code',
    codeChannel: 'SMS',
    codeChannelKey: 'sms',
    switchSteps: 'Ich möchte das Login auf zwei Stufen umstellen',
    switchBack: 'Ich möchte wieder das dreistufige Login',
    taxCertificate: 'Ich brauche die Steuerbescheinigung',
    lastYear: 'letztes Jahr',
    yes: 'ja',
    no: 'nein',
    cancel: 'abbrechen',
    date: '10. März 2026',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    customer: 'KPT10000002',
    prefix: 'CPT',
    verifyBy: 'par e-mail',
    totp: false,
    requestCode: 'Envoyez-moi un code, svp',
    codeChannel: 'courriel',
    codeChannelKey: 'email',
    switchSteps: 'je veux passer à la connexion en deux étapes',
    switchBack: 'je veux revenir à la connexion à trois étapes',
    taxCertificate: "J'ai besoin du justificatif fiscal",
    lastYear: "l'année dernière",
    yes: 'oui',
    no: 'non',
    cancel: 'annuler',
    date: '10 mars 2026',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    customer: 'KPT10000003',
    prefix: 'CPT',
    verifyBy: 'app authenticator',
    totp: true,
    requestCode: 'Mi invii un codice',
    codeChannel: 'e-mail',
    codeChannelKey: 'email',
    switchSteps: 'voglio passare al login a due livelli',
    switchBack: 'voglio tornare al login a tre livelli',
    taxCertificate: "Mi serve l'attestato fiscale",
    lastYear: "l'anno scorso",
    yes: 'sì',
    no: 'no',
    cancel: 'annulla',
    date: '10 marzo 2026',
  },
];

const MINUTE = 60_000;
const REFERENCE = /\b(KPT|CPT)-\d{4}-\d{6}\b/g;

/** Local time in Zurich in March (UTC+1), worked out apart from the bot's own formatting. */
const marchTimeInZurich = (ms: number) => {
  const utc = new Date(ms);
  return `${String(utc.getUTCHours() + 1).padStart(2, '0')}:${String(utc.getUTCMinutes()).padStart(2, '0')}`;
};

/** The receipt as the locales word it, for what was done and the reference the reply carries. */
function expectedReceipt(
  c: ReceiptCase,
  done: string,
  reference: string,
  at: { date: string; time: string },
  params: Record<string, unknown> = {},
): string {
  return ui(c.lang, 'receipt.text', { done: ui(c.lang, `receipt.done.${done}`, params), reference, ...at });
}

/** The one reference a reply carries (a receipt has exactly one). */
function referenceIn(reply: string): string {
  const found = reply.match(REFERENCE) ?? [];
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Nothing of a receipt: no reference, no "if this was not you". */
function expectNoReceipt(c: ReceiptCase, reply: string): void {
  expect(reply).not.toMatch(REFERENCE);
  expect(reply).not.toContain(opening(c.lang, 'receipt.text'));
}

describe.each(CASES)('receipts in $lang', (c) => {
  const memory: Record<string, string> = {};
  let sut: ActionApp;
  const person = DEMO_CUSTOMERS.find((p) => p.contractNumber === c.customer)!;

  beforeAll(async () => {
    sut = await ActionApp.start({}, { storage: new MemoryStorage(memory) });
  });
  afterAll(() => sut.close());
  // Each test an hour later (all on 10 March, Swiss time): earlier limits and verifications have lapsed.
  beforeEach(() => sut.advance(60 * MINUTE));

  const code = () => (c.totp ? sut.authenticatorCode() : sut.lastIdentityCode(c.customer));
  const now = () => ({ date: c.date, time: marchTimeInZurich(sut.now()) });

  async function verified(request: string): Promise<{ chat: ActionChat; typedCode: string }> {
    sut.advance(MINUTE); // a TOTP code counts once per 30-second step
    const chat = sut.chat(c.locale);
    await chat.say(request);
    await chat.say(c.customer);
    await chat.say(c.verifyBy);
    const typedCode = code();
    expect(await chat.say(typedCode)).toContain(ui(c.lang, 'verify.verified'));
    return { chat, typedCode };
  }

  /** The reply may give no secret: no code, no full contract number, phone or e-mail address. */
  function expectNothingSecret(reply: string, codes: string[]): void {
    for (const secret of [...codes, c.customer, person.mobile, person.email].filter(Boolean))
      expect(reply).not.toContain(secret);
    expect(reply.replace(REFERENCE, '')).not.toMatch(/\b\d{6}\b/); // no code of any kind
  }

  test('request-code: the reply that sends the code ends with the receipt; no code, no full address', async () => {
    const chat = sut.chat(c.locale);
    await chat.say(c.requestCode);
    await chat.say(c.customer);
    const sent = await chat.say(c.codeChannel);

    expect(sent).toContain(opening(c.lang, 'requestCode.sentTo'));
    const reference = referenceIn(sent);
    expect(reference.startsWith(`${c.prefix}-2026-`)).toBe(true);
    const receipt = expectedReceipt(c, `request-code.${c.codeChannelKey}`, reference, now());
    expect(sent.endsWith(receipt)).toBe(true);
    expect(receipt).toContain(supportContacts(c.lang).phone);

    const outbox = sut.sandboxLog.filter((l) => l.includes(`(${c.customer}): KPT portal login code`));
    const loginCode = /code (\d{6})/.exec(outbox.at(-1) ?? '')?.[1];
    expect(loginCode).toMatch(/^\d{6}$/);
    expectNothingSecret(sent, [loginCode!]);
    // Nothing new stored: the reference lives in the reply only.
    expect(JSON.stringify(memory)).not.toContain(reference);
  });

  test('switch-login-steps: the receipt follows "switched"; "no" or the same mode again give none', async () => {
    const first = await verified(c.switchSteps);
    const refused = await first.chat.say(c.no);
    expect(refused).toContain(opening(c.lang, 'loginSteps.unchanged'));
    expectNoReceipt(c, refused);

    const second = await verified(c.switchSteps);
    const switched = await second.chat.say(c.yes);
    const twoStep = ui(c.lang, 'loginSteps.mode.two-step');
    expect(switched).toContain(ui(c.lang, 'loginSteps.switched', { mode: twoStep }));
    const reference = referenceIn(switched);
    expect(reference.startsWith(`${c.prefix}-2026-`)).toBe(true);
    expect(switched.endsWith(expectedReceipt(c, 'switch-login-steps.two-step', reference, now()))).toBe(true);
    expectNothingSecret(switched, [second.typedCode]);

    // The way back is a change of its own, with its own reference.
    await second.chat.say(c.switchBack);
    const back = await second.chat.say(c.yes);
    const backReference = referenceIn(back);
    expect(backReference).not.toBe(reference);
    expect(back.endsWith(expectedReceipt(c, 'switch-login-steps.three-step', backReference, now()))).toBe(
      true,
    );
    // Asked again for the mode it now has: nothing to switch, so no receipt.
    const already = await second.chat.say(c.switchBack);
    expect(already).toContain(opening(c.lang, 'loginSteps.already'));
    expectNoReceipt(c, already);
  });

  test('tax-certificate: the message with the PDF carries the receipt; cancelling at the year gives none', async () => {
    const cancelled = await verified(c.taxCertificate);
    const stopped = await cancelled.chat.say(c.cancel);
    expect(stopped).toContain(ui(c.lang, 'cancel.done'));
    expectNoReceipt(c, stopped);

    const { chat, typedCode } = await verified(c.taxCertificate);
    const replies = await chat.conversation.send(c.lastYear);
    const ready = replies.find((r) => r.attachments?.some((a) => a.contentType === 'application/pdf'));
    const text = ready?.text ?? '';
    expect(text).toContain(opening(c.lang, 'tax.ready'));
    const reference = referenceIn(text);
    expect(reference.startsWith(`${c.prefix}-2026-`)).toBe(true);
    expect(text.endsWith(expectedReceipt(c, 'tax-certificate', reference, now(), { year: 2025 }))).toBe(true);
    expect(text).not.toContain('/downloads/'); // the link is the attachment's only
    expectNothingSecret(text, [typedCode]);
    expect(replies).toHaveLength(1); // one message: the receipt adds no POST
  });

  test('an action that fails ends without a receipt: verification lapsed before "yes"', async () => {
    const { chat } = await verified(c.switchSteps);
    sut.advance(11 * MINUTE);
    const lapsed = await chat.say(c.yes);
    expect(lapsed).toContain(ui(c.lang, 'backend.sessionExpired'));
    expectNoReceipt(c, lapsed);
    expect(lapsed).not.toContain(opening(c.lang, 'loginSteps.switched'));
  });
});

describe('receipts in Teams and in summer', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());

  test('the same receipt text reaches Teams; the PDF link becomes a card beside it', async () => {
    const adapter = new TestAdapter(async (context) => sut.app.bot.run(context), {
      channelId: Channels.Msteams,
    });
    const say = async (text: string): Promise<Partial<Activity>[]> => {
      await adapter.processActivity({ type: ActivityTypes.Message, text, locale: 'de-CH' });
      const replies: Partial<Activity>[] = [];
      for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) replies.push(reply);
      return replies;
    };
    await say('Ich brauche die Steuerbescheinigung');
    await say('KPT10000001');
    await say('per SMS');
    await say(sut.lastIdentityCode('KPT10000001'));
    const [ready, ...others] = await say('2025');

    expect(others).toEqual([]);
    const reference = referenceIn(ready?.text ?? '');
    const receipt = expectedReceipt(
      CASES[0]!,
      'tax-certificate',
      reference,
      {
        date: '10. März 2026',
        time: marchTimeInZurich(sut.now()),
      },
      { year: 2025 },
    );
    expect(ready?.text?.endsWith(receipt)).toBe(true);
    expect(ready?.attachments?.map((a) => a.contentType)).toEqual([CardFactory.contentTypes.adaptiveCard]);
    // The card's button is the only way to open the single-use link.
    expect(ready?.text).not.toContain('/downloads/');
  });

  // Last: it moves this deployment's clock to July.
  test('1 July 2026, 21:05 UTC reads 23:05 on 1 July in Zurich', async () => {
    sut.advance(Date.parse('2026-07-01T21:05:00Z') - sut.now());
    const chat = sut.chat('de-CH');
    await chat.say('Schicken Sie mir einen Code');
    await chat.say('KPT10000004');
    const sent = await chat.say('SMS');
    expect(sent).toContain('am 1. Juli 2026 um 23:05 Uhr');
  });
});
