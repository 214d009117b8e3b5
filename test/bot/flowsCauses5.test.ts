import type { Language } from '../../src/language';
import { transcript } from '../helpers/activities';
import { ActionApp } from '../helpers/actionApp';
import { opening, ui } from '../helpers/conversation';

/**
 * Mid-flow messages of the kinds the fifth flows set found misread (issue 13, fifth round), through the real
 * bot: "what do you mean?" at a prompt, a question about the code where the contract number is asked, an answer
 * in the language just left, putting the action off ("I'll try tomorrow"), a person "of the KPT" asked for.
 */

const MINUTE = 60_000;

interface Case {
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

const CASES: Case[] = [
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

let sut: ActionApp;
beforeAll(async () => {
  sut = await ActionApp.start();
});
afterAll(() => sut.close());
// Every test starts two hours later: earlier code limits and verifications have lapsed.
beforeEach(() => sut.advance(120 * MINUTE));

describe.each(CASES)('the tax certificate in $lang', (c) => {
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
