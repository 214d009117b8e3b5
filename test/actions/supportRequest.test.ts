import type { Activity } from 'botbuilder';
import { SUPPORT_REASONS, type SupportReason } from '../../src/actions/supportRequests';
import { loadConfig } from '../../src/config';
import type { ButtonValue } from '../../src/dialogs/buttonValue';
import type { SelfServiceBackend, SupportRequestInput } from '../../src/dialogs/actions/ports';
import type { BotServices, InsightLog } from '../../src/dialogs/services';
import type { Language } from '../../src/language';
import { MemoryExpiringStore } from '../../src/security/expiringStore';
import { SecretBox } from '../../src/security/secretBox';
import { DownloadLinks } from '../../src/server/downloadLinks';
import { createActionServices, createBotServices } from '../../src/services';
import { buttonsOf, transcript } from '../helpers/activities';
import { backendDown } from '../helpers/backendDown';
import {
  defaultServices,
  offlineBot,
  opening,
  supportContacts,
  TestConversation,
  ui,
} from '../helpers/conversation';

/**
 * Support requests through the real bot (dialogs, interpreter, content) against a fake backend that records
 * what it is sent: each entry point, consent, contact validation, verified and unverified content, masking
 * of the summary, the limits and a backend that is down.
 */

const MINUTE = 60_000;
const CUSTOMER = 'KPT10000001';
/** The fake backend accepts every code; the bot accepts a code once, so each verification types another. */
let codes = 482_913;
const nextCode = () => String((codes += 1));

interface LanguageCase {
  lang: Language;
  locale: string;
  askForHuman: string;
  outOfScope: string;
  /** Personal data typed into questions before the request: none may reach the summary unmasked. */
  planted: string[];
  describe: string;
  askLoginSteps: string;
  yes: string;
  no: string;
  cancel: string;
  switchTo: { text: string; lang: Language };
  reference: string;
}

const CASES: LanguageCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    askForHuman: 'Grüezi, chönd Sie mich bitte mit emene Mönsch verbinde?',
    outOfScope: 'Wie wird das Wetter morgen in Bern?',
    planted: [
      'Meine Vertragsnummer ist KPT12345678, warum geht das nicht?',
      'Rufen Sie mich an: 079 555 12 34 oder anna.muster@example.com',
      'Der Code 123456 wurde nicht akzeptiert',
    ],
    describe: 'Ich komme seit gestern nicht mehr ins Kundenportal.',
    askLoginSteps: 'Ich möchte das Login auf zwei Stufen umstellen',
    yes: 'ja',
    no: 'nein',
    cancel: 'abbrechen',
    switchTo: { text: 'italiano', lang: 'it' },
    reference: 'KPT-2026-000123',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    askForHuman: "Bonjour, j'aimerais parler avec un conseiller s'il vous plaît",
    outOfScope: 'Quel temps fera-t-il demain à Genève?',
    planted: [
      'Mon numéro de contrat est KPT12345678, pourquoi ça ne marche pas?',
      'Appelez-moi au +41 79 555 12 34 ou à anne.exemple@example.com',
      "Le code 123456 n'a pas été accepté",
    ],
    describe: "Je n'arrive plus à me connecter au portail depuis hier.",
    askLoginSteps: 'je veux passer à la connexion en deux étapes',
    yes: 'oui',
    no: 'non',
    cancel: 'annuler',
    switchTo: { text: 'Deutsch', lang: 'de' },
    reference: 'CPT-2026-000124',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    askForHuman: 'Buongiorno, vorrei parlare con un operatore, per favore',
    outOfScope: 'Che tempo farà domani a Lugano?',
    planted: [
      'Il mio numero di contratto è KPT12345678, perché non funziona?',
      'Mi chiami allo 0041 79 555 12 34 oppure a anna.esempio@example.com',
      'Il codice 123456 non è stato accettato',
    ],
    describe: 'Da ieri non riesco più ad accedere al portale.',
    askLoginSteps: 'voglio passare al login a due livelli',
    yes: 'sì',
    no: 'no',
    cancel: 'annulla',
    switchTo: { text: 'français', lang: 'fr' },
    reference: 'CPT-2026-000125',
  },
];

/** A backend that records the support requests it gets; the rest answers like a demo customer. */
class FakeBackend {
  readonly requests: SupportRequestInput[] = [];
  failWith?: string;

  readonly port: SelfServiceBackend = {
    ...backendDown,
    createChallenge: async () => ({ challengeId: 'challenge-1', maskedDestination: '+41 79 *** ** 01' }),
    verifyChallenge: async () => ({ accessToken: 'token-1' }),
    getLoginMode: async () => 'three-step' as const,
    setLoginMode: async (_token, mode) => ({ mode, reference: 'LM-2026-000001' }),
    createSupportRequest: async (request) => {
      if (this.failWith) throw Object.assign(new Error('failed'), { kind: this.failWith });
      this.requests.push(request);
      return { reference: this.reference };
    },
  };

  constructor(private readonly reference: string) {}
}

/** The bot with the fake backend, a clock the test moves and the support metric recorded. */
function setUp(reference: string) {
  const clock = { now: Date.parse('2026-03-10T09:00:00Z') };
  const now = () => clock.now;
  const backend = new FakeBackend(reference);
  const store = new MemoryExpiringStore(now);
  const config = loadConfig({});
  const actions = createActionServices(config, {
    backend: backend.port,
    store,
    links: new DownloadLinks(store, new SecretBox('test-secret'), 'http://localhost:3978', 10),
    now,
  });
  const counted: Array<{ lang: Language; reason: SupportReason }> = [];
  const recorded: Array<{ reason: SupportReason; entryIds: readonly string[] }> = [];
  const insights: InsightLog = {
    question: () => undefined,
    feedback: () => undefined,
    suggestion: () => undefined,
    supportRequest: (_lang, reason, entryIds) => recorded.push({ reason, entryIds }),
  };
  const services: BotServices = {
    ...createBotServices(config, actions, { insights }),
    events: { faqOutcome: () => undefined, supportRequest: (lang, reason) => counted.push({ lang, reason }) },
  };
  const bot = offlineBot(services);
  let conversations = 0;
  const chat = (locale: string) => new TestConversation(locale, bot, `support-${++conversations}`);
  return { clock, backend, counted, recorded, chat, services };
}

const supportButton = (replies: Partial<Activity>[]) =>
  buttonsOf(replies).find((b) => (b.value as ButtonValue | undefined)?.kind === 'action') as
    { title: string; value: ButtonValue } | undefined;

describe.each(CASES)('support requests in $lang', (c) => {
  let sut: ReturnType<typeof setUp>;
  beforeEach(() => {
    sut = setUp(c.reference);
  });

  /** From the offered button to the reference: keeps the topic, describes, gives an e-mail, consents. */
  async function completeFrom(chat: TestConversation, offer: Partial<Activity>[]): Promise<string> {
    const button = supportButton(offer);
    expect(button?.title).toBe(ui(c.lang, 'actions.support-request.button'));
    const topic = transcript(await chat.press(button!.value, button!.title));
    const proposed = topic.includes(opening(c.lang, 'support.proposeTopic'));
    expect(proposed || topic.includes(ui(c.lang, 'support.askTopic'))).toBe(true);
    await chat.send(proposed ? c.yes : 'Login');
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    return transcript(await chat.press({ kind: 'choice', value: 'yes' }, ui(c.lang, 'support.consentYes')));
  }

  test('"talk to a person" in a polite sentence: phone line of the language, e-mail, and the request offered', async () => {
    const chat = sut.chat(c.locale);
    const replies = await chat.send(c.askForHuman);
    const read = transcript(replies);
    expect(read).toContain(supportContacts(c.lang).phone);
    expect(read).toContain(supportContacts(c.lang).email);
    expect(read).toContain(ui(c.lang, 'support.offer'));

    const sent = await completeFrom(chat, replies);
    expect(sent).toBe(ui(c.lang, 'support.sentEmail', { reference: c.reference }));
    expect(sut.counted).toEqual([{ lang: c.lang, reason: 'asked' }]);
  });

  test('"talk to a person", then a typed yes: the request offered is taken up; a question instead is answered', async () => {
    const chat = sut.chat(c.locale);
    await chat.send(c.askForHuman);
    const topic = transcript(await chat.send(`${c.yes}!`));
    expect(topic).toContain(ui(c.lang, 'support.askTopic'));
    expect(topic).not.toContain(ui(c.lang, 'fallback.text'));

    const other = sut.chat(c.locale);
    await other.send(c.askForHuman);
    await other.send(c.outOfScope);
    // Only the message right after the offer takes it up.
    expect(transcript(await other.send(c.yes))).not.toContain(ui(c.lang, 'support.askTopic'));
  });

  test('offered after a fallback, with the question as the proposed topic', async () => {
    const chat = sut.chat(c.locale);
    const fallback = await chat.send(c.outOfScope);
    expect(transcript(fallback)).toContain(ui(c.lang, 'fallback.text'));
    const topic = transcript(await chat.press(supportButton(fallback)!.value));
    expect(topic).toContain(ui(c.lang, 'support.proposeTopic', { topic: c.outOfScope }));
    await chat.press({ kind: 'choice', value: 'keep' });
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    await chat.send(c.yes);
    expect(sut.backend.requests[0]).toMatchObject({
      topic: c.outOfScope,
      description: c.describe,
      summary: [{ question: c.outOfScope, outcome: 'fallback' }],
    });
    expect(sut.counted).toEqual([{ lang: c.lang, reason: 'fallback' }]);
  });

  test('offered after "not helpful"; the summary says which answer was not helpful', async () => {
    const chat = sut.chat(c.locale);
    const entry = sut.services.faq.current().faq.entries[0]!;
    await chat.send(entry.text[c.lang].question);
    const rated = await chat.press({ kind: 'feedback', id: entry.id, helpful: false });
    expect(transcript(await chat.press(supportButton(rated)!.value))).toContain(
      ui(c.lang, 'support.proposeTopic', { topic: entry.text[c.lang].question }),
    );
    await chat.send(c.yes);
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    await chat.send(c.yes);
    expect(sut.backend.requests[0]?.summary).toEqual([
      { question: entry.text[c.lang].question, entryId: entry.id, outcome: 'not-helpful' },
    ]);
    expect(sut.counted).toEqual([{ lang: c.lang, reason: 'not_helpful' }]);
    // For `faq -- report`: the entry that led to the request.
    expect(sut.recorded).toEqual([{ reason: 'not_helpful', entryIds: [entry.id] }]);
  });

  test('offered after a lockout and after a backend failure', async () => {
    sut.backend.port.createChallenge = async () => {
      throw Object.assign(new Error('locked'), { kind: 'locked' });
    };
    const locked = sut.chat(c.locale);
    await locked.send(c.askLoginSteps);
    await locked.send(CUSTOMER);
    const lockout = await locked.send('SMS');
    expect(transcript(lockout)).toContain(opening(c.lang, 'verify.locked'));
    expect(await completeFrom(locked, lockout)).toContain(c.reference);

    // Another number: the first is locked now.
    const failing = sut.chat(c.locale);
    await failing.send(c.askLoginSteps);
    await failing.send('KPT10000002');
    sut.backend.port.createChallenge = async () => {
      throw Object.assign(new Error('down'), { kind: 'unavailable' });
    };
    const down = await failing.send('SMS');
    expect(transcript(down)).toContain(opening(c.lang, 'backend.unavailable'));
    expect(await completeFrom(failing, down)).toContain(c.reference);
    expect(sut.counted.map((m) => m.reason)).toEqual(['lockout', 'backend_failure']);
  });

  test('consent refused: nothing is sent, a polite end with the contacts', async () => {
    const chat = sut.chat(c.locale);
    await chat.send(c.outOfScope);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send(c.yes);
    await chat.send(c.describe);
    const consent = transcript(await chat.send('anna.muster@example.com'));
    expect(consent).toContain(opening(c.lang, 'support.askConsent'));
    expect(consent).toContain('a***@e***.com');
    expect(consent).not.toContain('anna.muster@example.com');
    const refused = transcript(await chat.send(c.no));
    expect(refused).toBe(ui(c.lang, 'support.notSent'));
    expect(sut.backend.requests).toEqual([]);
    expect(sut.counted).toEqual([]);
  });

  test('a "yes" when no topic was proposed sends a general topic, never the button value', async () => {
    const chat = sut.chat(c.locale);
    expect(transcript(await chat.press({ kind: 'action', id: 'support-request' }))).toContain(
      ui(c.lang, 'support.askTopic'),
    );
    await chat.send(c.yes);
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    await chat.send(c.yes);
    expect(sut.backend.requests[0]).toMatchObject({
      topic: ui(c.lang, 'support.untitledTopic'),
      description: c.describe,
    });
  });

  test('one word ("ja", "oui", "sì", "Passwort") is no description: asked again politely, then sent', async () => {
    const chat = sut.chat(c.locale);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('Login');
    for (const short of [c.yes, 'Passwort']) {
      const again = transcript(await chat.send(short));
      expect(again).toContain(ui(c.lang, 'support.badDescription', { max: 2000 }));
      expect(again).not.toContain(ui(c.lang, 'support.askContact'));
    }
    expect(transcript(await chat.send(c.describe))).toContain(ui(c.lang, 'support.askContact'));
    await chat.send('anna.muster@example.com');
    await chat.send(c.yes);
    expect(sut.backend.requests.map((r) => r.description)).toEqual([c.describe]);
  });

  test('an invalid e-mail or phone number is asked again; a Swiss number is sent as +41', async () => {
    const chat = sut.chat(c.locale);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('Login');
    await chat.send(c.describe);
    for (const invalid of ['anna.muster@', '12 34', 'anna@example']) {
      expect(transcript(await chat.send(invalid))).toContain(ui(c.lang, 'support.badContact'));
    }
    const consent = transcript(await chat.send('079 555 12 34'));
    expect(consent).toContain('+41 79 *** ** 34');
    const sent = transcript(await chat.send(c.yes));
    expect(sent).toBe(ui(c.lang, 'support.sentPhone', { reference: c.reference }));
    expect(sut.backend.requests[0]).toMatchObject({
      topic: 'Login',
      contact: { kind: 'phone', value: '+41795551234' },
      contractNumber: 'unverified',
      language: c.lang,
      consent: true,
      summary: [],
    });
  });

  test('the summary carries no contract number, phone, e-mail or code typed earlier', async () => {
    const chat = sut.chat(c.locale);
    for (const text of c.planted) await chat.send(text);
    await chat.press({ kind: 'action', id: 'support-request', reason: 'asked' });
    await chat.send(c.yes);
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    await chat.send(c.yes);
    const [request] = sut.backend.requests;
    expect(request?.summary).toHaveLength(c.planted.length);
    const summary = JSON.stringify([request?.summary, request?.topic]);
    for (const secret of [/KPT\s*1234\s*5678/i, /555\s*12\s*34/, /example\.com/, /123\s*456/])
      expect(summary).not.toMatch(secret);
    expect(summary).toContain('KPT******78');
  });

  test('verified: the request carries the contract number; unverified says so', async () => {
    const chat = sut.chat(c.locale);
    await chat.send(c.askLoginSteps);
    await chat.send(CUSTOMER);
    await chat.send('SMS');
    expect(transcript(await chat.send(nextCode()))).toContain(ui(c.lang, 'verify.verified'));
    await chat.send(c.cancel);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send(c.yes);
    await chat.send(c.describe);
    const consent = transcript(await chat.send('anna.muster@example.com'));
    expect(consent).toContain('KPT******01');
    await chat.send(c.yes);
    expect(sut.backend.requests[0]?.contractNumber).toBe(CUSTOMER);
    // The action was cancelled: not completed.
    expect(sut.backend.requests[0]?.summary).toEqual([
      { question: c.askLoginSteps, outcome: 'action-failed' },
    ]);

    // An action that completed (its receipt shown) is in the summary as completed.
    const completed = sut.chat(c.locale);
    await completed.send(c.askLoginSteps);
    await completed.send(CUSTOMER);
    await completed.send('SMS');
    await completed.send(nextCode());
    expect(transcript(await completed.send(c.yes))).toContain('LM-2026-000001');
    await completed.press({ kind: 'action', id: 'support-request' });
    await completed.send(c.yes);
    await completed.send(c.describe);
    await completed.send('anna.muster@example.com');
    await completed.send(c.yes);
    expect(sut.backend.requests[1]?.summary).toEqual([
      { question: c.askLoginSteps, outcome: 'action-completed' },
    ]);

    const other = sut.chat(c.locale);
    await other.press({ kind: 'action', id: 'support-request' });
    await other.send('Login');
    await other.send(c.describe);
    expect(transcript(await other.send('anna.muster@example.com'))).toContain(
      ui(c.lang, 'support.unverified'),
    );
    await other.send(c.yes);
    expect(sut.backend.requests[2]?.contractNumber).toBe('unverified');
  });

  test('cancel, a question and a change of language at the prompts, as in every action', async () => {
    const chat = sut.chat(c.locale);
    await chat.press({ kind: 'action', id: 'support-request' });
    expect(transcript(await chat.send(c.cancel))).toBe(ui(c.lang, 'cancel.done'));

    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('Login');
    // The description is the person's own text: a word for a person in it does not stop the request.
    const described = transcript(await chat.send(`${c.describe} ${c.askForHuman}`));
    expect(described).toContain(ui(c.lang, 'support.askContact'));
    const switched = transcript(await chat.send(c.switchTo.text));
    expect(switched).toContain(ui(c.switchTo.lang, 'language.switched'));
    expect(switched).toContain(ui(c.switchTo.lang, 'support.askContact'));
    const consent = transcript(await chat.send('anna.muster@example.com'));
    expect(consent).toContain(opening(c.switchTo.lang, 'support.askConsent'));
    expect(transcript(await chat.send(ui(c.switchTo.lang, 'actions.cancel')))).toBe(
      ui(c.switchTo.lang, 'cancel.done'),
    );
    expect(sut.backend.requests).toEqual([]);
  });

  test('an FAQ question typed as the description is answered, then the description is asked again', async () => {
    const question = {
      de: 'Wie melde ich mich eigentlich für die E-Rechnung an?',
      fr: "Au fait, comment je m'inscris à la facture électronique?",
      it: 'Come faccio a iscrivermi alla fattura elettronica?',
    }[c.lang];
    const ebill = defaultServices().faq.current().entry('ebill')!.text[c.lang].answer;
    const chat = sut.chat(c.locale);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('Login');

    const answered = transcript(await chat.send(question));
    expect(answered).toContain(ebill);
    expect(answered).toContain(opening(c.lang, 'actions.back'));
    expect(answered).toContain(ui(c.lang, 'support.askDescription'));

    // A description said as a statement still goes through.
    expect(transcript(await chat.send(c.describe))).toContain(ui(c.lang, 'support.askContact'));
  });

  test('the question answered before, typed as the description, is the description (the answer did not help)', async () => {
    const question = {
      de: 'Wie melde ich mich für die E-Rechnung an?',
      fr: "Comment je m'inscris à la e-facture?",
      it: 'Come mi iscrivo alla fattura elettronica?',
    }[c.lang];
    const chat = sut.chat(c.locale);
    await chat.send(question);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('E-Rechnung');
    expect(transcript(await chat.send(question))).toContain(ui(c.lang, 'support.askContact'));
  });

  test('one request per conversation per 10 minutes, 3 per contract number per day', async () => {
    const chat = sut.chat(c.locale);
    await chat.send(c.outOfScope);
    await completeFrom(chat, await chat.send(c.askForHuman));
    const again = transcript(await chat.press({ kind: 'action', id: 'support-request' }));
    expect(again).toBe(ui(c.lang, 'support.tooSoon', { count: 10 }));
    sut.clock.now += 10 * MINUTE;
    expect(transcript(await chat.press({ kind: 'action', id: 'support-request' }))).toContain(
      opening(c.lang, 'support.proposeTopic'),
    );

    // Verified, in three conversations: the fourth request of the day for the number is refused.
    for (let i = 0; i < 4; i += 1) {
      const verified = sut.chat(c.locale);
      await verified.send(c.askLoginSteps);
      await verified.send(CUSTOMER);
      await verified.send('SMS');
      await verified.send(nextCode());
      await verified.send(c.cancel);
      const start = transcript(await verified.press({ kind: 'action', id: 'support-request' }));
      if (i < 3) {
        await verified.send(c.yes);
        await verified.send(c.describe);
        await verified.send('anna.muster@example.com');
        expect(transcript(await verified.send(c.yes))).toContain(c.reference);
      } else {
        expect(start).toBe(ui(c.lang, 'support.tooMany'));
      }
    }
    expect(sut.backend.requests.filter((r) => r.contractNumber === CUSTOMER)).toHaveLength(3);
  });

  test('backend down or refusing: the phone line, and nothing counted as sent', async () => {
    const chat = sut.chat(c.locale);
    await chat.press({ kind: 'action', id: 'support-request' });
    await chat.send('Login');
    await chat.send(c.describe);
    await chat.send('anna.muster@example.com');
    sut.backend.failWith = 'unavailable';
    const failed = transcript(await chat.send(c.yes));
    expect(failed).toBe(ui(c.lang, 'support.failed'));
    expect(failed).toContain(supportContacts(c.lang).phone);
    expect(sut.counted).toEqual([]);

    sut.backend.failWith = 'rate-limited';
    sut.clock.now += 10 * MINUTE;
    const other = sut.chat(c.locale);
    await other.press({ kind: 'action', id: 'support-request' });
    await other.send('Login');
    await other.send(c.describe);
    await other.send('anna.muster@example.com');
    expect(transcript(await other.send(c.yes))).toBe(ui(c.lang, 'support.tooMany'));
  });
});

test('every reason of the metric is an entry point the tests above go through', () => {
  expect([...SUPPORT_REASONS].sort()).toEqual([
    'asked',
    'backend_failure',
    'fallback',
    'lockout',
    'not_helpful',
  ]);
});
