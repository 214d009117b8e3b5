import type { Language } from '../../src/language';
import { buttonsOf, heroCardOf, transcript } from '../helpers/activities';
import { opening, TestConversation, ui } from '../helpers/conversation';

const LOCALES: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };

describe('an action starts only when the message is about it (issue 13)', () => {
  test.each([
    ['de', 'Ich möchte meine Adresse ändern'],
    ['de', 'AHV-Nr 756.1234.5678.97 bitte ändern'],
    ['de', 'Telefonnummer ändern bitte'],
    ['de', 'ich wott mini adrässe ändere'],
    ['fr', 'je veux changer mon adresse e-mail'],
    ['fr', 'changer mon numéro de téléphone'],
    ['fr', "j'ai déménagé, changez mon adresse"],
    ['it', 'voglio cambiare il mio numero di telefono'],
    ['it', 'vorrei cambiare il mio indirizzo'],
    ['it', 'modificare le coordinate bancarie'],
  ] as const)(
    '[%s] "%s" changes something out of scope: the fallback, no contract number asked',
    async (lang, text) => {
      const chat = new TestConversation(LOCALES[lang]);
      const read = transcript(await chat.send(text));
      expect(read).toContain(ui(lang, 'fallback.text'));
      expect(read).not.toContain(opening(lang, 'verify.askContract'));
    },
  );

  test.each([
    ['de', 'Anmeldung auf zweistufig umstellen'],
    ['fr', 'je voudrais désactiver le code supplémentaire'],
    ['it', "vorrei modificare l'accesso"],
  ] as const)('[%s] "%s" is about the login: the switch asks for the contract number', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(opening(lang, 'verify.askContract'));
  });

  test.each([
    ['de', 'SMS'],
    ['de', 'Code'],
    ['fr', 'SMS'],
    ['fr', 'e-mail'],
    ['it', 'SMS'],
    ['it', 'codice'],
  ] as const)(
    '[%s] "%s" alone fits several things: "did you mean" with the extra-code entry, no contract number asked',
    async (lang, text) => {
      const chat = new TestConversation(LOCALES[lang]);
      const replies = await chat.send(text);
      expect(transcript(replies)).not.toContain(opening(lang, 'verify.askContract'));
      expect(heroCardOf(replies[0])?.text).toBe(ui(lang, 'didYouMean.prompt'));
      expect(buttonsOf(replies).map((b) => b.value)).toContainEqual({ kind: 'faq', id: 'extra-code-order' });
    },
  );
});

describe('"go on" after an answer on the side (issue 13)', () => {
  test.each([
    ['de', 'Ich brauche die Steuerbescheinigung', 'Wie hoch ist der Online-Rabatt?', 'ja weiter'],
    ['de', 'Ich brauche die Steuerbescheinigung', 'Wie hoch ist der Online-Rabatt?', 'jo gern, wiiter'],
    [
      'fr',
      "j'ai besoin du justificatif fiscal",
      'Combien de rabais online est-ce que je reçois?',
      'oui continuons',
    ],
    ['it', "mi serve l'attestato fiscale", 'Di quanto è lo sconto online?', 'sì, andiamo avanti'],
  ] as const)(
    '[%s] "%s", a question, then "%s" asks for the contract number again without an input error',
    async (lang, request, question, goOn) => {
      const chat = new TestConversation(LOCALES[lang]);
      expect(transcript(await chat.send(request))).toContain(opening(lang, 'verify.askContract'));
      expect(transcript(await chat.send(question))).toContain(opening(lang, 'actions.back'));

      const read = transcript(await chat.send(goOn));

      expect(read).toContain(opening(lang, 'verify.askContract'));
      expect(read).not.toContain(opening(lang, 'verify.badContract'));
    },
  );
});

describe('an action starts only when asked to do it: a request and what it delivers', () => {
  test.each([
    ['de', 'Zusatzcode', 'extra-code-order'],
    ['de', 'Zusatzcode bestellen?', 'extra-code-order'],
    ['de', 'Steuerbescheinigung', 'tax-certificate'],
    ['fr', 'code supplémentaire', 'extra-code-order'],
    ['fr', 'attestation fiscale', 'tax-certificate'],
    ['it', 'codice supplementare', 'extra-code-order'],
    ['it', 'attestato fiscale', 'tax-certificate'],
  ] as const)(
    '[%s] "%s", the topic alone: its answer or "did you mean" with it, the action one click away, no contract number asked',
    async (lang, text, entry) => {
      const chat = new TestConversation(LOCALES[lang]);
      const replies = await chat.send(text);
      expect(transcript(replies)).not.toContain(opening(lang, 'verify.askContract'));
      const values = buttonsOf(replies).map((b) => b.value);
      expect(values.some((v) => (v.kind === 'faq' && v.id === entry) || v.kind === 'action')).toBe(true);
    },
  );

  test.each([
    ['de', 'de', 'E-Mail-Adresse im Profil ändern'],
    ['de', 'de', 'ich möchte die Handynummer für den Zusatzcode ändern'],
    ['de', 'fr', 'modifier adresse email profil'],
    ['fr', 'fr', 'modifier adresse email profil'],
    ['fr', 'fr', 'changer le numéro de portable pour le code supplémentaire'],
    ['it', 'it', 'modificare indirizzo email profilo'],
    ['it', 'it', 'voglio cambiare il numero di cellulare per il codice supplementare'],
  ] as const)(
    '[%s conversation, written in %s] "%s" asks to change something else: no verification starts',
    async (lang, _writtenIn, text) => {
      const chat = new TestConversation(LOCALES[lang]);
      const read = transcript(await chat.send(text));
      expect(read).not.toContain(opening(lang, 'verify.askContract'));
      for (const other of ['de', 'fr', 'it'] as const)
        expect(read).not.toContain(opening(other, 'verify.askContract'));
    },
  );

  test.each([
    ['de', 'Schicken Sie mir bitte einen Zusatzcode'],
    ['fr', 'envoyez-moi un code supplémentaire svp'],
    ['it', 'mi mandi un codice supplementare per favore'],
  ] as const)('[%s] "%s" asks for it: the contract number is asked', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(opening(lang, 'verify.askContract'));
  });
});
