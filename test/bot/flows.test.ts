import type { Activity } from 'botbuilder';
import type { Language } from '../../src/language';
import { buttonsOf, transcript } from '../helpers/activities';
import { ActionApp, type ActionChat } from '../helpers/actionApp';
import { defaultServices, opening, ui } from '../helpers/conversation';

/**
 * Conversations that follow people (issue 13), through the real bot and the sandbox backend in all three
 * languages: details given up front are not asked again, a question or a command at any prompt is
 * understood, and a change of language re-asks the question in the new language.
 */

const MINUTE = 60_000;

type Prompt = 'contract' | 'channel' | 'requestCodeChannel' | 'code' | 'confirm' | 'year';

interface LanguageCase {
  lang: Language;
  locale: string;
  customer: string;
  totp: boolean;
  /** Requests that carry nothing but the action. */
  requestCode: string;
  switchSteps: string;
  taxCertificate: string;
  /** Valid answers to the questions. */
  channel: string;
  requestCodeChannel: string;
  year: string;
  no: string;
  /** A request with its channel, and one with its year. */
  requestCodeBySms: string;
  taxWithYear: { text: string; year: number };
  /** A cancel inside a sentence, with politeness around it. */
  cancelSentence: string;
  /** A switch to another language said as a sentence. */
  switchTo: { text: string; lang: Language };
  /** A free-text FAQ question and the entry it asks for. */
  question: { text: string; entry: string };
  /** A question about each prompt itself, which no FAQ entry answers. */
  aboutStep: Record<Prompt, string>;
  /** A request for help said as a sentence, and a moment to look for something. */
  helpSentence: string;
  wait: string;
}

const CASES: LanguageCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    customer: 'KPT10000001',
    totp: false,
    requestCode: 'Schicken Sie mir einen Code',
    switchSteps: 'Ich möchte die Login-Stufen umstellen',
    taxCertificate: 'Ich brauche die Steuerbescheinigung',
    channel: 'per SMS',
    requestCodeChannel: 'SMS',
    year: '2024',
    no: 'nein',
    requestCodeBySms: 'Schicken Sie mir einen Code per SMS',
    taxWithYear: { text: 'Steuerbescheinigung vom letzten Jahr', year: 2025 },
    cancelSentence: 'ach nein, abbrechen bitte',
    switchTo: { text: 'Possiamo continuare in italiano, per favore?', lang: 'it' },
    question: { text: 'Was ist eigentlich die E-Rechnung?', entry: 'ebill' },
    aboutStep: {
      contract: 'Wozu brauchen Sie eigentlich meine Vertragsnummer?',
      channel: 'Welcher Weg ist sicherer?',
      requestCodeChannel: 'Wie lange dauert es, bis der Code ankommt?',
      code: 'Wie lange bleibt der Code gültig?',
      confirm: 'Kann ich das nachher wieder rückgängig machen?',
      year: 'Welche Jahre sind denn verfügbar?',
    },
    helpSentence: 'ich versteh nöd, was mues i da mache?',
    wait: 'Moment, ich suche noch kurz den Brief',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    customer: 'KPT10000002',
    totp: false,
    requestCode: 'Envoyez-moi un code, svp',
    switchSteps: 'je veux changer les niveaux de connexion',
    taxCertificate: "J'ai besoin du justificatif fiscal",
    channel: 'par e-mail',
    requestCodeChannel: 'courriel',
    year: '2024',
    no: 'non',
    requestCodeBySms: 'Envoyez-moi un code par SMS',
    taxWithYear: { text: 'je veux mon attestation fiscale 2024', year: 2024 },
    cancelSentence: "non merci, annulez s'il vous plaît",
    switchTo: { text: 'Können wir bitte auf Deutsch weitermachen?', lang: 'de' },
    question: { text: "c'est quoi la e-facture?", entry: 'ebill' },
    aboutStep: {
      contract: 'Ça sert à quoi que je vous donne ce numéro?',
      channel: 'Lequel est le plus sûr?',
      requestCodeChannel: 'Le code arrive au bout de combien de temps?',
      code: 'Le code reste valable combien de temps?',
      confirm: 'Je pourrai revenir en arrière ensuite?',
      year: 'Quelles années sont disponibles?',
    },
    helpSentence: 'je pige pas ce que je dois répondre là',
    wait: 'attendez, je regarde dans mes papiers',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    customer: 'KPT10000003',
    totp: true,
    requestCode: 'Mi invii un codice',
    switchSteps: 'vorrei cambiare i livelli di login',
    taxCertificate: "Mi serve l'attestato fiscale",
    channel: 'app authenticator',
    requestCodeChannel: 'e-mail',
    year: '2024',
    no: 'no',
    requestCodeBySms: 'Mi invii un codice via SMS',
    taxWithYear: { text: "mi serve l'attestato fiscale dell'anno scorso", year: 2025 },
    cancelSentence: 'no, annulli per favore',
    switchTo: { text: 'On peut continuer en français, svp?', lang: 'fr' },
    question: { text: "Che cos'è la fattura elettronica?", entry: 'ebill' },
    aboutStep: {
      contract: 'A cosa le serve che le dia questo numero?',
      channel: 'Qual è il più sicuro?',
      requestCodeChannel: 'Quanto ci mette ad arrivare il codice?',
      code: 'Per quanto tempo vale il codice?',
      confirm: 'Posso tornare indietro più tardi?',
      year: 'Quali anni sono disponibili?',
    },
    helpSentence: 'non ho capito cosa devo rispondere qui',
    wait: 'un attimo che controllo i documenti',
  },
];

/** The question each prompt asks (its UI string). */
function askKey(prompt: Prompt, totp: boolean): string {
  switch (prompt) {
    case 'contract':
      return 'verify.askContract';
    case 'channel':
      return 'verify.askChannel';
    case 'requestCodeChannel':
      return 'requestCode.askChannel';
    case 'code':
      return totp ? 'verify.askTotp' : 'verify.askCode';
    case 'confirm':
      return 'loginSteps.confirmToTwo';
    case 'year':
      return 'tax.askYear';
  }
}

describe.each(CASES)('conversations that follow people in $lang', (c) => {
  let sut: ActionApp;

  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  // Every test starts two hours later: earlier code limits and verifications have lapsed.
  beforeEach(() => sut.advance(120 * MINUTE));

  const code = () => (c.totp ? sut.authenticatorCode() : sut.lastIdentityCode(c.customer));
  const asks = (prompt: Prompt, lang = c.lang) => opening(lang, askKey(prompt, c.totp));

  /** The actions, their prompts in order, and the valid answer to each. */
  const FLOWS: Array<{ name: string; request: () => string; prompts: Prompt[] }> = [
    { name: 'request-code', request: () => c.requestCode, prompts: ['contract', 'requestCodeChannel'] },
    {
      name: 'tax-certificate',
      request: () => c.taxCertificate,
      prompts: ['contract', 'channel', 'code', 'year'],
    },
    {
      name: 'switch-login-steps',
      request: () => c.switchSteps,
      prompts: ['contract', 'channel', 'code', 'confirm'],
    },
  ];
  const answer = (prompt: Prompt): string => {
    switch (prompt) {
      case 'contract':
        return c.customer;
      case 'channel':
        return c.channel;
      case 'requestCodeChannel':
        return c.requestCodeChannel;
      case 'code':
        return code();
      case 'confirm':
        return c.no;
      case 'year':
        return c.year;
    }
  };
  /** What the user reads when the flow has done its job. */
  const done = (flow: string, lang = c.lang): string => opening(lang, doneKey(flow));

  /** Starts the flow and answers its prompts up to (not including) the one at `index`. */
  async function until(chat: ActionChat, flow: (typeof FLOWS)[number], index: number): Promise<string> {
    let read = await chat.say(flow.request());
    for (const prompt of flow.prompts.slice(0, index)) read = await chat.say(answer(prompt));
    return read;
  }

  describe('details given up front skip their questions', () => {
    test(`"${c.requestCodeBySms}": only the contract number is asked, then the code goes out`, async () => {
      const chat = sut.chat(c.locale);
      expect(await chat.say(c.requestCodeBySms)).toContain(asks('contract'));
      // Anna Muster has a mobile number on file.
      const sent = await chat.say('KPT10000001');
      expect(sent).toContain(opening(c.lang, 'requestCode.sentTo'));
      expect(sent).not.toContain(asks('requestCodeChannel'));
      expect(sut.sandboxLog.some((l) => l.includes('[outbox] SMS') && l.includes('(KPT10000001)'))).toBe(
        true,
      );
    });

    test(`"${c.taxWithYear.text}": after verification the certificate ${c.taxWithYear.year} comes without asking the year`, async () => {
      const chat = sut.chat(c.locale);
      const tax = { request: () => c.taxWithYear.text, prompts: ['contract', 'channel'] as Prompt[] };
      await until(chat, { name: 'tax', ...tax }, 2);
      const delivered = await chat.say(code());
      expect(delivered).not.toContain(ui(c.lang, 'tax.askYear'));
      expect(delivered).toContain(ui(c.lang, 'tax.fileName', { year: c.taxWithYear.year }));
    });
  });

  describe.each(FLOWS)('$name', (flow) => {
    test('a free-text question at each prompt is answered in one message that asks the question again, with its buttons', async () => {
      const chat = sut.chat(c.locale);
      const entry = defaultServices().faq.current().entry(c.question.entry)!.text[c.lang];
      let asked = await chat.sayFull(flow.request());
      for (const prompt of flow.prompts) {
        expect(transcript(asked)).toContain(asks(prompt));
        const answered = await chat.sayFull(c.question.text);
        // One activity (one POST to the channel): the answer, "Weiter mit «…»:", the question.
        expect(answered).toHaveLength(1);
        const read = transcript(answered);
        expect(read).toContain(entry.answer.slice(0, 40));
        expect(read).toContain(
          ui(c.lang, 'actions.back', { action: ui(c.lang, `actions.${flow.name}.name`) }),
        );
        expect(read.indexOf(entry.answer.slice(0, 40))).toBeLessThan(read.indexOf(asks(prompt)));
        // The question's buttons are still there: its options (if any) and cancel.
        expect(buttonsOf(answered).map((b) => b.title)).toEqual(
          buttonsOf(asked.slice(-1)).map((b) => b.title),
        );
        expect(buttonsOf(answered).map((b) => b.title)).toContain(ui(c.lang, 'actions.cancel'));
        asked = await chat.sayFull(answer(prompt));
      }
      const read = transcript(asked);
      expect(read).toContain(done(flow.name));
    });

    test('a question about each prompt itself gets a few words on it, not an FAQ entry, and the question again', async () => {
      const chat = sut.chat(c.locale);
      let read = await chat.say(flow.request());
      for (const prompt of flow.prompts) {
        expect(read).toContain(asks(prompt));
        const explained = await chat.say(c.aboutStep[prompt]);
        expect(explained).toContain(opening(c.lang, `steps.${prompt}.about`));
        expect(explained).toContain(asks(prompt));
        read = await chat.say(answer(prompt));
      }
      expect(read).toContain(done(flow.name));
    });

    test('help asked in a sentence at each prompt explains that prompt and asks it again', async () => {
      const chat = sut.chat(c.locale);
      let read = await chat.say(flow.request());
      for (const prompt of flow.prompts) {
        const helped = await chat.say(c.helpSentence);
        expect(helped).toContain(opening(c.lang, `steps.${prompt}.about`));
        expect(helped).toContain(asks(prompt));
        expect(helped).not.toContain(ui(c.lang, 'help.text').slice(0, 30));
        read = await chat.say(answer(prompt));
      }
      expect(read).toContain(done(flow.name));
    });

    test('a moment asked for at each prompt is granted, and the answer then counts', async () => {
      const chat = sut.chat(c.locale);
      let read = await chat.say(flow.request());
      for (const prompt of flow.prompts) {
        const waited = await chat.say(c.wait);
        expect(waited).toBe(ui(c.lang, 'smalltalk.wait'));
        read = await chat.say(answer(prompt));
      }
      expect(read).toContain(done(flow.name));
    });

    test.each(flow.prompts.map((prompt, index) => ({ prompt, index })))(
      'a cancel inside a sentence at the $prompt prompt ends the flow',
      async ({ index }) => {
        const chat = sut.chat(c.locale);
        expect(await until(chat, flow, index)).toContain(asks(flow.prompts[index]!));
        expect(await chat.say(c.cancelSentence)).toContain(ui(c.lang, 'cancel.done'));
        // Nothing runs any more: a second cancel has nothing to stop.
        expect(await chat.say(c.cancelSentence)).toContain(ui(c.lang, 'cancel.nothing'));
      },
    );

    test('a change of language at each prompt re-asks its question in the new language', async () => {
      const chat = sut.chat(c.locale);
      let lang = c.lang;
      let read = await chat.say(flow.request());
      for (const prompt of flow.prompts) {
        expect(read).toContain(asks(prompt, lang));
        // Back and forth: to the other language, then back to the conversation's own.
        const to = lang === c.lang ? c.switchTo : { text: ui(c.lang, 'language.name'), lang: c.lang };
        const switched = await chat.say(to.text);
        lang = to.lang;
        expect(switched).toContain(ui(lang, 'language.switched'));
        expect(switched).toContain(asks(prompt, lang));
        read = await chat.say(answer(prompt));
      }
      expect(read).toContain(done(flow.name, lang));
    });
  });

  test('every question says how to stop and has a cancel button', async () => {
    const chat = sut.chat(c.locale);
    const replies: Partial<Activity>[] = await chat.sayFull(c.taxCertificate);
    expect(transcript(replies)).toContain(ui(c.lang, 'prompts.cancelHint'));
    expect(buttonsOf(replies).map((b) => b.title)).toContain(ui(c.lang, 'actions.cancel'));
  });
});

describe('what people type that is not quite the expected answer', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  beforeEach(() => sut.advance(120 * MINUTE));

  test.each([
    ['fr-CH', 'Envoyez-moi un code par SMS', 'CPT 1000 0001', 'fr'],
    ['it-CH', 'Mi invii un codice via SMS', 'il mio numero: cpt-1000-0001', 'it'],
  ] as const)(
    '[%s] a contract number written CPT… (the French/Italian name) is accepted and sent on as KPT…',
    async (locale, request, contract, lang) => {
      const chat = sut.chat(locale);
      await chat.say(request);
      expect(await chat.say(contract)).toContain(opening(lang, 'requestCode.sentTo'));
      expect(sut.sandboxLog.some((l) => l.includes('[outbox] SMS') && l.includes('(KPT10000001)'))).toBe(
        true,
      );
    },
  );

  test('"SMS" typed at the code prompt asks for the code again, not the FAQ text about SMS', async () => {
    const chat = sut.chat('de-CH');
    await chat.say('Ich brauche die Steuerbescheinigung');
    await chat.say('KPT10000001');
    await chat.say('SMS');
    const read = await chat.say('SMS');
    expect(read).toContain(opening('de', 'verify.badCodeFormat'));
    const smsEntry = defaultServices().faq.current().entry('connect-sms-factor')!.text.de;
    expect(read).not.toContain(smsEntry.answer.slice(0, 40));
    // The code still works afterwards.
    expect(await chat.say(sut.lastIdentityCode('KPT10000001'))).toContain(ui('de', 'tax.askYear'));
  });
});

/** The UI string the user reads when the flow has done its job. */
function doneKey(flow: string): string {
  return flow === 'request-code'
    ? 'requestCode.sentTo'
    : flow === 'tax-certificate'
      ? 'tax.ready'
      : 'loginSteps.unchanged';
}

describe('a year without certificate', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());

  test('offers only the years that exist, and one of them delivers', async () => {
    // Peter Beispiel has certificates for 2024 and 2023 only.
    const chat = sut.chat('de-CH');
    await chat.say('Ich brauche die Steuerbescheinigung für 2025');
    await chat.say('KPT10000004');
    await chat.say('SMS');
    const refused = await chat.sayFull(sut.lastIdentityCode('KPT10000004'));
    const read = transcript(refused);
    expect(read).toContain('Für 2025 gibt es keine Steuerbescheinigung. Verfügbar sind: 2024, 2023.');
    expect(buttonsOf(refused).map((b) => b.title)).toEqual(['2024', '2023', ui('de', 'actions.cancel')]);
    const pressed = await chat.conversation.press({ kind: 'choice', value: '2024' }, '2024');
    expect(transcript(pressed)).toContain(ui('de', 'tax.fileName', { year: 2024 }));
  });

  test('"Wie wechsle ich vom zweistufigen auf dreistufiges Login?" switches towards three steps', async () => {
    const chat = sut.chat('de-CH');
    await chat.say('Wie wechsle ich vom zweistufigen auf dreistufiges Login?');
    await chat.say('KPT10000004');
    await chat.say('SMS');
    const asked = await chat.say(sut.lastIdentityCode('KPT10000004'));
    expect(asked).toContain(ui('de', 'loginSteps.confirmToThree'));
    expect(asked).not.toContain(ui('de', 'loginSteps.confirmToTwo'));
  });
});

describe('the classes of the second probe rounds, end to end', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  // Every test starts five minutes later: the previous code has lapsed, the backend's session has not.
  beforeEach(() => sut.advance(5 * MINUTE));

  test.each([
    ['de-CH', 'de', 'Ich möchte die Login-Stufen umstellen', 'nein, doch nicht'],
    ['it-CH', 'it', 'vorrei cambiare i livelli di login', 'no, lasci stare così'],
  ] as const)(
    '[%s] at the confirmation, a cancel phrase that says no ("%s" … "%s") is the answer no',
    async (locale, lang, request, no) => {
      const chat = sut.chat(locale);
      await chat.say(request);
      await chat.say('KPT10000001');
      await chat.say('e-mail');
      expect(await chat.say(sut.lastIdentityCode('KPT10000001'))).toContain(
        ui(lang, 'loginSteps.confirmToTwo'),
      );
      const read = await chat.say(no);
      expect(read).toContain(opening(lang, 'loginSteps.unchanged'));
      expect(read).not.toContain(ui(lang, 'cancel.done'));
    },
  );

  /** Per language: the request, and a wording of each class (one customer each, below the code limits). */
  const WORDINGS = [
    {
      locale: 'de-CH',
      lang: 'de',
      customer: 'KPT10000001',
      request: 'Ich brauche die Steuerbescheinigung',
      cancel: 'gut, dann brechen wir ab',
      nothing: 'es ist immer noch nichts gekommen',
      smsQuestion: 'Kostet eine SMS etwas?',
      preferred: { text: 'lieber auf Französisch', lang: 'fr' },
    },
    {
      locale: 'fr-CH',
      lang: 'fr',
      customer: 'KPT10000002',
      request: "J'ai besoin du justificatif fiscal",
      cancel: "bon, on laisse tomber pour aujourd'hui",
      nothing: "j'ai toujours rien reçu",
      smsQuestion: "le SMS, c'est gratuit?",
      preferred: { text: 'plutôt en italien', lang: 'it' },
    },
    {
      locale: 'it-CH',
      lang: 'it',
      customer: 'KPT10000003',
      request: "Mi serve l'attestato fiscale",
      cancel: "va be', lasciamo perdere per oggi",
      nothing: 'non è ancora arrivato niente',
      smsQuestion: "l'SMS è gratuito o si paga?",
      preferred: { text: 'meglio in tedesco', lang: 'de' },
    },
  ] as const;

  describe.each(WORDINGS)('in $lang, at the prompts of the tax certificate', (w) => {
    /** Asks for the certificate and gives the contract number: the channel is asked. */
    async function atChannel(): Promise<ActionChat> {
      const chat = sut.chat(w.locale);
      await chat.say(w.request);
      expect(await chat.say(w.customer)).toContain(opening(w.lang, 'verify.askChannel'));
      return chat;
    }

    test(`"${w.cancel}" at the channel prompt ends the flow`, async () => {
      const chat = await atChannel();
      expect(await chat.say(w.cancel)).toContain(ui(w.lang, 'cancel.done'));
    });

    test(`"${w.nothing}" at the code prompt is about the code; the code then still works`, async () => {
      const chat = await atChannel();
      await chat.say('e-mail');
      const explained = await chat.say(w.nothing);
      expect(explained).toContain(opening(w.lang, 'steps.code.about'));
      expect(explained).toContain(opening(w.lang, 'verify.askCode'));
      expect(await chat.say(sut.lastIdentityCode(w.customer))).toContain(ui(w.lang, 'tax.askYear'));
    });

    test(`"${w.smsQuestion}" chooses nothing; "${w.preferred.text}" re-asks in ${w.preferred.lang}`, async () => {
      const chat = await atChannel();
      const explained = await chat.say(w.smsQuestion);
      expect(explained).toContain(opening(w.lang, 'steps.channel.about'));
      expect(explained).toContain(opening(w.lang, 'verify.askChannel'));
      const switched = await chat.say(w.preferred.text);
      expect(switched).toContain(ui(w.preferred.lang, 'language.switched'));
      expect(switched).toContain(opening(w.preferred.lang, 'verify.askChannel'));
      expect(await chat.say('e-mail')).toContain(opening(w.preferred.lang, 'verify.askCode'));
    });
  });
});
