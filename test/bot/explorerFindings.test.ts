import type { Language } from '../../src/language';
import { buttonsOf, transcript } from '../helpers/activities';
import { opening, TestConversation, ui } from '../helpers/conversation';
import { shippedIndex } from '../helpers/shippedFaq';

const LOCALES: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };
/** The Connect customer service: the wrong address for a KPT customer whose login code fails. */
const CONNECT_CONTACT = 'skmu@avadis.ch';

const faqButtons = (replies: Parameters<typeof buttonsOf>[0]) =>
  buttonsOf(replies)
    .map((b) => b.value as { kind?: string; id?: string } | undefined)
    .filter((v) => v?.kind === 'faq')
    .map((v) => v!.id);

describe('a code that "does not work" is not taken for the Connect registration code', () => {
  test.each([
    ['de', 'Mein Code funktioniert nicht'],
    ['fr', 'mon code ne marche pas'],
    ['fr', 'le code ne fonctionne pas'],
    ['it', 'il mio codice non funziona'],
    ['it', 'il codice non va'],
  ] as const)('[%s] "%s" asks which code is meant; no Connect contact', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    const replies = await chat.send(text);
    expect(transcript(replies)).not.toContain(CONNECT_CONTACT);
    // "Did you mean": the codes it may be, as buttons.
    expect(faqButtons(replies).length).toBeGreaterThan(1);
  });

  test.each([
    ['de', 'Mein Registrierungscode funktioniert nicht'],
    ['fr', "mon code d'inscription ne marche pas"],
    ['it', 'il mio codice di registrazione non funziona'],
  ] as const)('[%s] "%s" names the registration code: the Connect answer', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(CONNECT_CONTACT);
  });
});

describe('a problem told with a plea for help at its end gets its answer, not the help card', () => {
  test.each([
    [
      'de',
      'Ich wollte mich im Portal anmelden, aber das Passwort wird abgelehnt, ich weiss nicht mehr weiter, was soll ich machen?',
    ],
    ['fr', "je n'y arrive pas, mon mot de passe est refusé depuis ce matin"],
    ['it', 'non ci riesco, la mia password viene rifiutata da stamattina'],
  ] as const)('[%s] "%s" offers the login or password answer', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    const replies = await chat.send(text);
    expect(transcript(replies)).not.toContain(opening(lang, 'help.text'));
    const shown = transcript(replies);
    const answered = ['password-forgotten', 'login-failed'].some((id) =>
      shown.includes(
        shippedIndex()
          .faq.entries.find((e) => e.id === id)!
          .text[lang].answer.split('\n')[0]!,
      ),
    );
    const offered = faqButtons(replies).some((id) => id === 'password-forgotten' || id === 'login-failed');
    expect(answered || offered).toBe(true);
  });

  test.each([
    ['de', 'was soll ich machen?'],
    ['de', 'hilfe, ich weiss nicht weiter'],
    ['fr', "je n'y arrive pas"],
    ['it', 'aiuto, cosa devo fare?'],
  ] as const)('[%s] "%s", only a plea for help, gets the help card', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(ui(lang, 'help.text'));
  });

  test.each([
    ['ich möchte das doch nicht, bitte abbrechen', true],
    ['bitte nicht abbrechen', false],
  ] as const)('[de] "%s" in the tax certificate flow cancels it: %s', async (text, cancels) => {
    const chat = new TestConversation(LOCALES.de);
    await chat.send('Ich möchte meine Steuerbescheinigung');
    expect(transcript(await chat.send(text)).includes(ui('de', 'cancel.done'))).toBe(cancels);
  });
});

describe('a support request takes the last real question as its topic, never a button label', () => {
  const QUESTION: Record<Language, string> = {
    de: 'Wie hoch ist der Online-Rabatt?',
    fr: 'À combien se monte le rabais online?',
    it: 'A quanto ammonta lo sconto online?',
  };
  const OUT_OF_SCOPE: Record<Language, string> = {
    de: 'Kann ich mein Velo bei Ihnen versichern?',
    fr: 'Puis-je assurer mon vélo chez vous?',
    it: 'Posso assicurare la mia bicicletta da voi?',
  };
  const request = { kind: 'action', id: 'support-request' } as const;

  test.each(['de', 'fr', 'it'] as const)('[%s] typed "helpful" after an answer', async (lang) => {
    const chat = new TestConversation(LOCALES[lang]);
    await chat.send(QUESTION[lang]);
    expect(transcript(await chat.send(ui(lang, 'feedback.helpful')))).toBe(ui(lang, 'feedback.thanks'));

    const proposal = transcript(await chat.press(request));
    expect(proposal).toContain(`«${QUESTION[lang]}»`);
  });

  test.each(['de', 'fr', 'it'] as const)('[%s] typed "none of these" after no answer', async (lang) => {
    const chat = new TestConversation(LOCALES[lang]);
    await chat.send(OUT_OF_SCOPE[lang]);
    expect(transcript(await chat.send(ui(lang, 'didYouMean.none')))).toContain(ui(lang, 'noneOfThese'));

    const proposal = transcript(await chat.press(request));
    expect(proposal).toContain(`«${OUT_OF_SCOPE[lang]}»`);
    expect(proposal).not.toContain(`«${ui(lang, 'didYouMean.none')}»`);
  });

  test.each(['de', 'fr', 'it'] as const)(
    '[%s] "keep the topic" pressed again or typed at the description is no description',
    async (lang) => {
      const chat = new TestConversation(LOCALES[lang]);
      await chat.send(OUT_OF_SCOPE[lang]);
      await chat.press(request);
      const keep = { kind: 'choice', value: 'keep' } as const;
      expect(transcript(await chat.press(keep, ui(lang, 'support.keepTopic')))).toContain(
        ui(lang, 'support.askDescription'),
      );

      for (const stale of [
        () => chat.press(keep, ui(lang, 'support.keepTopic')),
        () => chat.send(ui(lang, 'support.keepTopic')),
      ]) {
        const read = transcript(await stale());
        expect(read).not.toContain(opening(lang, 'support.askContact'));
        expect(read).toContain(opening(lang, 'support.badDescription'));
      }
    },
  );
});

describe('personal data typed into a question does not hide its answer', () => {
  test.each([
    [
      'de',
      'Mein Vertrag KPT10000001, Tel 079 555 00 01, anna.muster@example.com – ',
      'warum klappt das Login nicht???',
    ],
    [
      'fr',
      'CPT10000002, 078 123 45 67, luc.favre@example.ch : ',
      "je n'arrive pas à me connecter, pourquoi?",
    ],
    [
      'it',
      'Contratto KPT10000003, tel. 076 987 65 43, gina.rossi@example.ch: ',
      'perché il login non funziona?',
    ],
  ] as const)('[%s] "%s%s" gets the reply the question alone gets', async (lang, personal, question) => {
    const alone = await new TestConversation(LOCALES[lang]).send(question);
    const withData = await new TestConversation(LOCALES[lang]).send(personal + question);
    expect(transcript(withData)).not.toContain(ui(lang, 'fallback.text'));
    expect(transcript(withData)).toBe(transcript(alone));
    expect(faqButtons(withData)).toEqual(faqButtons(alone));
  });
});

describe('goodbyes and English', () => {
  test.each([
    ['de', 'Ich möchte meine Steuerbescheinigung', 'danke tschüss'],
    ['fr', 'je veux mon attestation fiscale', 'merci, au revoir'],
    ['it', 'vorrei il mio certificato fiscale', 'grazie, arrivederci'],
  ] as const)('[%s] "%s", then "%s": the action ends politely', async (lang, request, goodbye) => {
    const chat = new TestConversation(LOCALES[lang]);
    await chat.send(request);
    const read = transcript(await chat.send(goodbye));
    expect(read).toBe(ui(lang, 'smalltalk.goodbye'));
    // Nothing is running any more: "weiter" / a contract number start nothing.
    expect(transcript(await chat.send('KPT12345678'))).not.toContain(opening(lang, 'actions.back'));
  });

  test.each([
    ['de', 'tax certificate please'],
    ['fr', 'login not working'],
    ['it', 'login not working'],
  ] as const)('[%s] short English "%s" gets the hint which languages are spoken', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(ui(lang, 'language.unspoken'));
  });

  test.each([
    ['de', 'Velo versichern'],
    ['de', 'connect app crash'],
    ['fr', 'assurer mon vélo'],
    ['it', 'assicurare la bici'],
  ] as const)('[%s] short "%s" nothing answers keeps the fallback of the language', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).not.toContain(ui(lang, 'language.unspoken'));
  });
});
