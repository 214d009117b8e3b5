import type { Language } from '../../src/language';
import { transcript } from '../helpers/activities';
import { ActionApp } from '../helpers/actionApp';
import { defaultServices, opening, ui } from '../helpers/conversation';

/**
 * Mid-flow messages of the kinds the flows sets found misread (issue 13, fourth round), through the real bot:
 * help with many words around it, the contract number without its prefix, an English request for another
 * language, a refusal in other words than "no", a question about the certificate at the year prompt.
 */

const MINUTE = 60_000;

interface Case {
  lang: Language;
  locale: string;
  /** The contract number without its "KPT". */
  customer: string;
  switchSteps: string;
  channel: string;
  code: () => string;
  longHelp: string;
  /** An English request for another language, and that language. */
  english: { text: string; lang: Language };
  /** A refusal at the confirmation, in the language switched to. */
  refusal: string;
}

const CASES: Case[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    customer: '1000 0001',
    switchSteps: 'Ich möchte die Login-Stufen umstellen',
    channel: 'SMS',
    code: () => sut.lastIdentityCode('KPT10000001'),
    longHelp: 'Entschuldigen Sie, ich verstehe wirklich nicht, was Sie hier von mir brauchen',
    english: { text: 'could we switch to Italian please?', lang: 'it' },
    refusal: 'no, lasci perdere',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    customer: '10000002',
    switchSteps: 'je veux changer les niveaux de connexion',
    channel: 'par e-mail',
    code: () => sut.lastIdentityCode('KPT10000002'),
    longHelp: 'je comprends pas bien ce que vous attendez de moi à cette étape, désolé',
    english: { text: 'can we speak German?', lang: 'de' },
    refusal: 'nein, lassen Sie es bleiben',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    customer: '1000-0003',
    switchSteps: 'vorrei cambiare i livelli di login',
    channel: 'app authenticator',
    code: () => sut.authenticatorCode(),
    longHelp: 'scusi ma non capisco proprio cosa devo scrivere in questo campo',
    english: { text: 'please answer in French', lang: 'fr' },
    refusal: 'je veux pas, laissez tomber',
  },
];

let sut: ActionApp;
beforeAll(async () => {
  sut = await ActionApp.start();
});
afterAll(() => sut.close());
// Every test starts two hours later: earlier code limits and verifications have lapsed.
beforeEach(() => sut.advance(120 * MINUTE));

describe.each(CASES)('the login switch in $lang', (c) => {
  test('help with many words around it explains the prompt; eight digits without "KPT" are the contract number; an English request switches the language; a refusal in other words, in the new language, keeps the login', async () => {
    const chat = sut.chat(c.locale);
    expect(await chat.say(c.switchSteps)).toContain(opening(c.lang, 'verify.askContract'));
    const helped = await chat.say(c.longHelp);
    expect(helped).toContain(opening(c.lang, 'steps.contract.about'));
    expect(helped).toContain(opening(c.lang, 'verify.askContract'));
    expect(await chat.say(c.customer)).toContain(opening(c.lang, 'verify.askChannel'));
    const switched = await chat.say(c.english.text);
    expect(switched).toContain(ui(c.english.lang, 'language.switched'));
    expect(switched).toContain(opening(c.english.lang, 'verify.askChannel'));
    await chat.say(c.channel);
    await chat.say(c.code());
    expect(await chat.say(c.refusal)).toContain(opening(c.english.lang, 'loginSteps.unchanged'));
  });
});

test('at the year prompt, a question about printing the certificate gets its answer and the year is asked again', async () => {
  const chat = sut.chat('de-CH');
  await chat.say('Ich brauche die Steuerbescheinigung');
  await chat.say('KPT10000001');
  await chat.say('SMS');
  expect(await chat.say(sut.lastIdentityCode('KPT10000001'))).toContain(ui('de', 'tax.askYear'));
  const read = await chat.say('Kann ich sie später auch selber im Portal ausdrucken?');
  const entry = defaultServices().faq.current().entry('tax-certificate')!.text.de;
  expect(read).toContain(entry.answer.slice(0, 40));
  expect(read).toContain(opening('de', 'tax.askYear'));
  expect(transcript(await chat.sayFull('2024'))).toContain(ui('de', 'tax.fileName', { year: 2024 }));
});

/**
 * The fifth round: "what do you mean?" at a prompt, a question about the code where the contract number is
 * asked, an answer in the language just left, putting the action off ("I'll try tomorrow"), a person "of the
 * KPT" asked for.
 */
interface FifthRoundCase {
  lang: Language;
  locale: string;
  contract: string;
  channel: string;
  code: () => string;
  request: string;
  whatMeant: string;
  codeValidity: string;
  /** A language to switch to, the request for it, and an answer at the year prompt in the language left. */
  other: { lang: Language; request: string };
  lastYearSentence: string;
  putOff: string;
  someoneOfYours: string;
}

const FIFTH_ROUND: FifthRoundCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    contract: 'KPT10000001',
    channel: 'SMS',
    code: () => sut.lastIdentityCode('KPT10000001'),
    request: 'Ich brauche meine Steuerbescheinigung',
    whatMeant: 'Wie meinen Sie das genau?',
    codeValidity: 'Wie lange ist der Code dann gültig?',
    other: { lang: 'fr', request: 'On peut continuer en français?' },
    lastYearSentence: 'Die vom letzten Jahr, bitte schön',
    putOff: 'ach, ich probiere es morgen nochmals',
    someoneOfYours: 'i wett lieber mit öpperem vo de KPT rede',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    contract: 'KPT10000002',
    channel: 'e-mail',
    code: () => sut.lastIdentityCode('KPT10000002'),
    request: "j'ai besoin de mon attestation fiscale",
    whatMeant: 'vous voulez dire quoi exactement?',
    codeValidity: 'le code est valable combien de temps?',
    other: { lang: 'it', request: 'possiamo continuare in italiano?' },
    lastYearSentence: "celle de l'année dernière, s'il vous plaît",
    putOff: 'bon, je réessaierai demain',
    someoneOfYours: "je préfère parler à quelqu'un de chez vous",
  },
  {
    lang: 'it',
    locale: 'it-CH',
    contract: 'KPT10000003',
    channel: 'authenticator',
    code: () => sut.authenticatorCode(),
    request: "mi serve l'attestato fiscale",
    whatMeant: 'in che senso?',
    codeValidity: 'quanto dura il codice?',
    other: { lang: 'de', request: 'Können wir auf Deutsch weitermachen?' },
    lastYearSentence: "quello dell'anno scorso, per favore",
    putOff: 'va bene, riprovo più tardi',
    someoneOfYours: 'vorrei parlare con qualcuno di voi',
  },
];

describe.each(FIFTH_ROUND)('the tax certificate in $lang', (c) => {
  test('"what do you mean?" explains the contract prompt, a question about the code explains the code, and a year said in a sentence of the language just left is taken', async () => {
    const chat = sut.chat(c.locale);
    expect(await chat.say(c.request)).toContain(opening(c.lang, 'verify.askContract'));
    const meant = await chat.say(c.whatMeant);
    expect(meant).toContain(opening(c.lang, 'steps.contract.about'));
    expect(meant).toContain(opening(c.lang, 'verify.askContract'));
    const validity = await chat.say(c.codeValidity);
    expect(validity).toContain(opening(c.lang, 'steps.code.about'));
    expect(validity).toContain(opening(c.lang, 'verify.askContract'));
    await chat.say(c.contract);
    await chat.say(c.channel);
    const switched = await chat.say(c.other.request);
    expect(switched).toContain(ui(c.other.lang, 'language.switched'));
    expect(await chat.say(c.code())).toContain(ui(c.other.lang, 'tax.askYear'));
    expect(transcript(await chat.sayFull(c.lastYearSentence))).toContain(
      ui(c.other.lang, 'tax.fileName', { year: 2025 }),
    );
  });

  test('putting it off cancels at the code prompt; a person "of yours" is offered at the contract prompt', async () => {
    const chat = sut.chat(c.locale);
    await chat.say(c.request);
    expect(await chat.say(c.someoneOfYours)).toContain(opening(c.lang, 'smalltalk.human'));
    await chat.say(c.contract);
    await chat.say(c.channel);
    expect(await chat.say(c.putOff)).toContain(ui(c.lang, 'cancel.done'));
  });
});
