import { ActionTypes } from 'botbuilder';
import type { Language } from '../../src/language';
import { buttonsOf, heroCardOf, transcript } from '../helpers/activities';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { defaultServices, TestConversation, ui } from '../helpers/conversation';
import { keepPhoneNumbersTogether } from '../../src/i18n/phoneNumbers';

const SUPPORT_EMAIL = 'websupport@kpt.ch';
/** As shown: digit groups joined by non-breaking spaces, so a narrow bubble does not wrap the number. */
const SUPPORT_PHONE: Record<Language, string> = {
  de: '0800\u00a0815\u00a0415',
  fr: '0800\u00a0815\u00a0416',
  it: '0800\u00a0815\u00a0417',
};

/** What a user of each language types, and what the bot must make of it. */
interface LanguageCase {
  lang: Language;
  locale: string;
  brand: string;
  onlineDiscountQuestion: string;
  outOfScopeQuestion: string;
  typedSwitch: { text: string; to: Language };
  buttonSwitchTo: Language;
  sentenceInAnotherLanguage: { lang: Language; text: string; entryId: string };
  cancel: string;
  help: string;
  greeting: string;
  thanks: string;
  askForHuman: string;
}

const CASES: LanguageCase[] = [
  {
    lang: 'de',
    locale: 'de-CH',
    brand: 'KPT',
    onlineDiscountQuestion: 'Wie hoch ist der Online-Rabatt?',
    outOfScopeQuestion: 'Wie hoch ist meine Franchise?',
    typedSwitch: { text: 'italiano', to: 'it' },
    buttonSwitchTo: 'fr',
    sentenceInAnotherLanguage: {
      lang: 'fr',
      text: 'Comment puis-je commander un code supplémentaire par SMS?',
      entryId: 'extra-code-order',
    },
    cancel: 'abbrechen',
    help: 'Hilfe',
    greeting: 'Hallo',
    thanks: 'Danke',
    askForHuman: 'Ich möchte mit einem Menschen sprechen',
  },
  {
    lang: 'fr',
    locale: 'fr-CH',
    brand: 'CPT',
    onlineDiscountQuestion: 'Combien de rabais online est-ce que je reçois?',
    outOfScopeQuestion: 'Va-t-il pleuvoir ce week-end?',
    typedSwitch: { text: 'Deutsch', to: 'de' },
    buttonSwitchTo: 'it',
    sentenceInAnotherLanguage: {
      lang: 'it',
      text: 'Come posso ordinare un codice supplementare via SMS?',
      entryId: 'extra-code-order',
    },
    cancel: 'annuler',
    help: 'Aide',
    greeting: 'Bonjour',
    thanks: 'Merci',
    askForHuman: 'Je voudrais parler à un humain',
  },
  {
    lang: 'it',
    locale: 'it-CH',
    brand: 'CPT',
    onlineDiscountQuestion: 'Quanto sconto online ricevo?',
    outOfScopeQuestion: 'Qual è la mia franchigia?',
    typedSwitch: { text: 'en français', to: 'fr' },
    buttonSwitchTo: 'de',
    sentenceInAnotherLanguage: {
      lang: 'de',
      text: 'Wie kann ich einen Zusatzcode per SMS bestellen?',
      entryId: 'extra-code-order',
    },
    cancel: 'annulla',
    help: 'Aiuto',
    greeting: 'Buongiorno',
    thanks: 'Grazie',
    askForHuman: 'Vorrei parlare con una persona',
  },
];

const faq = () => defaultServices().faq.current();
/** An entry's answer as the bot shows it: its phone numbers do not wrap. */
const answerOf = (id: string, lang: Language) => keepPhoneNumbersTogether(faq().entry(id)!.text[lang].answer);

/** The support contacts of `lang`, and no other language's phone. */
function expectContacts(text: string, lang: Language): void {
  expect(text).toContain(SUPPORT_EMAIL);
  expect(text).toContain(SUPPORT_PHONE[lang]);
  for (const other of Object.values(SUPPORT_PHONE).filter((p) => p !== SUPPORT_PHONE[lang])) {
    expect(text).not.toContain(other);
  }
}

describe.each(CASES)('a conversation in $locale', (c) => {
  const { lang } = c;
  let chat: TestConversation;
  beforeEach(() => (chat = new TestConversation(c.locale)));

  describe('welcome', () => {
    test('a user joining is welcomed with the topics and the other languages', async () => {
      const replies = await chat.join();

      expect(transcript(replies)).toContain(ui(lang, 'welcome.greeting', { brand: c.brand }));
      expect(transcript(replies)).toContain(c.brand);
      const buttons = buttonsOf(replies);
      const categories = faq().categories;
      expect(categories.length).toBeGreaterThan(0);
      for (const category of categories) {
        expect(buttons).toContainEqual(
          expect.objectContaining({
            title: category.name[lang],
            value: { kind: 'category', id: category.id },
          }),
        );
      }
      const languageButtons = buttons.filter((b) => (b.value as { kind?: string })?.kind === 'language');
      expect(languageButtons.map((b) => b.value.lang).sort()).toEqual(
        (['de', 'fr', 'it'] as const).filter((l) => l !== lang),
      );
    });

    test('is sent once, even if the channel announces the user again', async () => {
      expect(await chat.join()).not.toHaveLength(0);
      expect(await chat.join()).toEqual([]);
    });

    test('is not sent when only the bot joins', async () => {
      expect(await chat.join('bot-only')).toEqual([]);
      expect(transcript(await chat.join())).toContain(ui(lang, 'welcome.greeting', { brand: c.brand }));
    });
  });

  test('a question the FAQ answers gets one message: the answer, follow-up questions and feedback as suggested actions', async () => {
    const replies = await chat.send(c.onlineDiscountQuestion);

    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain('5%');
    expect(replies[0].text).toBe(answerOf('online-discount', lang));
    expect(replies[0].attachments ?? []).toEqual([]);
    const followUps = (replies[0].suggestedActions?.actions ?? []).map((b) => b.value);
    expect(followUps).toEqual(
      expect.arrayContaining([
        { kind: 'faq', id: 'discount-basic-insurance' },
        { kind: 'faq', id: 'loyalty-discount' },
      ]),
    );
  });

  describe('"did you mean"', () => {
    test('an ambiguous question offers its candidates as buttons; pressing one answers it', async () => {
      const { text, candidates } = findAmbiguousQuestion(defaultServices(), lang);

      const replies = await chat.send(text);

      expect(replies).toHaveLength(1);
      const card = heroCardOf(replies[0]);
      expect(card?.text).toBe(ui(lang, 'didYouMean.prompt'));
      expect(card?.buttons).toEqual([
        ...candidates.map((candidate) => {
          const question = faq().entry(candidate.id)!.text[lang].question;
          return expect.objectContaining({
            type: ActionTypes.MessageBack,
            title: question,
            value: { kind: 'faq', id: candidate.id },
          });
        }),
        expect.objectContaining({ title: ui(lang, 'didYouMean.none'), value: { kind: 'none-of-these' } }),
      ]);

      const chosen = card!.buttons[1];
      const answer = await chat.press(chosen.value, chosen.title);
      expect(answer[0].text).toBe(answerOf(candidates[1].id, lang));
    });

    test('"none of these" gives the support contacts', async () => {
      const { text } = findAmbiguousQuestion(defaultServices(), lang);
      const none = buttonsOf(await chat.send(text)).find((b) => b.value?.kind === 'none-of-these');
      expect(none).toBeDefined();

      const replies = await chat.press(none!.value, none!.title);

      expect(transcript(replies)).toContain(ui(lang, 'noneOfThese'));
      expectContacts(transcript(replies), lang);
    });
  });

  test('a question outside the FAQ gets the fallback with web support e-mail and phone', async () => {
    const replies = await chat.send(c.outOfScopeQuestion);

    expect(transcript(replies)).toContain(ui(lang, 'fallback.text'));
    expectContacts(transcript(replies), lang);
  });

  describe('language', () => {
    test(`typing "${c.typedSwitch.text}" switches to ${c.typedSwitch.to} for the rest of the conversation`, async () => {
      const to = c.typedSwitch.to;

      const replies = await chat.send(c.typedSwitch.text);

      expect(transcript(replies)).toContain(ui(to, 'language.switched'));
      expect(transcript(replies)).toContain(ui(to, 'categories.prompt'));
      // A message without words still gets its answer in the new language, though the channel's locale is unchanged.
      expect(transcript(await chat.send(''))).toBe(ui(to, 'input.empty'));
    });

    test(`the language button switches to ${c.buttonSwitchTo}`, async () => {
      const to = c.buttonSwitchTo;

      const replies = await chat.press({ kind: 'language', lang: to });

      expect(transcript(replies)).toContain(ui(to, 'language.switched'));
      // Every message says its language, so the web widget and screen readers follow the switch.
      expect(replies.map((r) => r.locale)).toEqual(replies.map(() => `${to}-CH`));
      expect(transcript(await chat.send(''))).toBe(ui(to, 'input.empty'));
      expect((await chat.send(CASES.find((x) => x.lang === to)!.onlineDiscountQuestion))[0].text).toBe(
        answerOf('online-discount', to),
      );
    });

    test(`a whole question in ${c.sentenceInAnotherLanguage.lang} is answered in ${c.sentenceInAnotherLanguage.lang}`, async () => {
      const other = c.sentenceInAnotherLanguage;

      const replies = await chat.send(other.text);

      expect(replies[0].text).toBe(answerOf(other.entryId, other.lang));
    });

    test('an English question gets no FAQ answer but which languages the bot speaks, with a button each', async () => {
      const replies = await chat.send('How do I log in to the customer portal?');

      expect(replies).toHaveLength(1);
      for (const spoken of ['de', 'fr', 'it'] as const) {
        expect(transcript(replies)).toContain(ui(spoken, 'language.unspoken'));
      }
      expect(buttonsOf(replies).map((b) => b.title)).toEqual(['Deutsch', 'Français', 'Italiano']);
      // The conversation's language is unchanged.
      expect(transcript(await chat.send(''))).toBe(ui(lang, 'input.empty'));
    });
  });

  test('a category button lists its questions as buttons', async () => {
    const replies = await chat.press({ kind: 'category', id: 'discounts' });

    const card = heroCardOf(replies[0]);
    const category = faq().category('discounts')!;
    expect(card?.text).toBe(ui(lang, 'categories.questions', { category: category.name[lang] }));
    const ids = ['discount-basic-insurance', 'loyalty-discount', 'online-discount'];
    expect(card?.buttons.map((b) => b.value).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      ids.map((id) => ({ kind: 'faq', id })),
    );
    expect(card?.buttons.map((b) => b.title).sort()).toEqual(
      ids.map((id) => faq().entry(id)!.text[lang].question).sort(),
    );
  });

  describe('commands and small talk', () => {
    test(`"${c.cancel}" with nothing running says so`, async () => {
      expect(transcript(await chat.send(c.cancel))).toBe(ui(lang, 'cancel.nothing'));
    });

    test(`"${c.help}" explains how to use the bot`, async () => {
      expect(transcript(await chat.send(c.help))).toBe(ui(lang, 'help.text'));
    });

    test(`"${c.greeting}" is greeted back`, async () => {
      expect(transcript(await chat.send(c.greeting))).toBe(ui(lang, 'smalltalk.greeting'));
    });

    test(`"${c.thanks}" is acknowledged`, async () => {
      expect(transcript(await chat.send(c.thanks))).toBe(ui(lang, 'smalltalk.thanks'));
    });

    test(`"${c.askForHuman}" is taken as a request for a person: the support contacts and a request offered`, async () => {
      const replies = await chat.send(c.askForHuman);
      const text = transcript(replies);

      expect(text).toBe(
        `${ui(lang, 'smalltalk.human', { email: SUPPORT_EMAIL, phone: SUPPORT_PHONE[lang] })}\n\n${ui(lang, 'support.offer')}`,
      );
      expectContacts(text, lang);
      expect(buttonsOf(replies).map((b) => b.value)).toEqual([
        { kind: 'action', id: 'support-request', reason: 'asked' },
      ]);
    });
  });

  describe('unusual messages get a defined answer in the user language', () => {
    test('empty text', async () => {
      expect(transcript(await chat.send(''))).toBe(ui(lang, 'input.empty'));
      expect(transcript(await chat.send(' \n\t'))).toBe(ui(lang, 'input.empty'));
    });

    test('a 3,000-character message', async () => {
      const long = `${c.onlineDiscountQuestion} `.repeat(200).slice(0, 3000);

      const replies = await chat.send(long);

      expect(transcript(replies)).toBe(ui(lang, 'input.tooLong', { max: 2000 }));
      expect(transcript(replies)).toContain('2000');
    });

    test('attachments only', async () => {
      const replies = await chat.send({
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/screenshot.png' }],
      });

      expect(transcript(replies)).toBe(ui(lang, 'input.attachment'));
    });

    test.each([
      ['an unknown kind', { kind: 'transfer-money', amount: 1000 }],
      ['a malformed faq value', { kind: 'faq', id: 42 }],
      ['an unknown language', { kind: 'language', lang: 'en' }],
      ['a non-object', 'faq:online-discount'],
    ])('a button value with %s', async (_name, value) => {
      expect(transcript(await chat.send({ value }))).toBe(ui(lang, 'input.unknownButton'));
    });

    test('a button for an entry that no longer exists', async () => {
      expect(transcript(await chat.press({ kind: 'faq', id: 'removed-entry' }))).toBe(
        ui(lang, 'input.unknownButton'),
      );
    });
  });
});
