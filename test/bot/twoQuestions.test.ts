import type { Language } from '../../src/language';
import { buttonsOf, transcript } from '../helpers/activities';
import { defaultServices, TestConversation, ui } from '../helpers/conversation';

const LOCALES: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };
const entry = (id: string, lang: Language) => defaultServices().faq.current().entry(id)!.text[lang];

describe('two questions in one message get both answers in one message', () => {
  test.each([
    [
      'de',
      'Wie lange werden meine Dokumente aufbewahrt und wie melde ich mich für die eRechnung an?',
      'documents-retention',
      'ebill',
    ],
    [
      'de',
      'Ich habe mein Passwort vergessen. Wo finde ich die Steuerbescheinigung?',
      'password-forgotten',
      'tax-certificate',
    ],
    [
      'fr',
      "j'ai oublié mon mot de passe, et où je trouve mon attestation fiscale?",
      'password-forgotten',
      'tax-certificate',
    ],
    [
      'fr',
      "Combien de temps mes documents sont-ils conservés et comment je m'inscris à la e-facture?",
      'documents-retention',
      'ebill',
    ],
    [
      'it',
      "Ho dimenticato la password e dove trovo l'attestato fiscale?",
      'password-forgotten',
      'tax-certificate',
    ],
    [
      'it',
      'Per quanto tempo vengono conservati i miei documenti e come mi iscrivo alla fattura elettronica?',
      'documents-retention',
      'ebill',
    ],
  ] as const)(
    '[%s] "%s": %s and %s, each under its question, feedback once',
    async (lang, text, first, second) => {
      const chat = new TestConversation(LOCALES[lang]);
      const replies = await chat.send(text);

      expect(replies).toHaveLength(1);
      const read = transcript(replies);
      for (const id of [first, second]) {
        expect(read).toContain(`**${entry(id, lang).question}**`);
        expect(read).toContain(entry(id, lang).answer);
      }
      const titles = buttonsOf(replies).map((b) => b.title);
      expect(titles.filter((t) => t === ui(lang, 'feedback.helpful'))).toHaveLength(1);
      expect(new Set(titles).size).toBe(titles.length);
    },
  );

  test.each([
    ['de', 'Wie hoch ist der Online-Rabatt und wie wird das Wetter morgen?'],
    ['fr', 'Combien de rabais online et quel temps fera-t-il demain?'],
    ['it', 'Quanto è lo sconto online e che tempo farà domani?'],
  ] as const)(
    '[%s] "%s": one part the FAQ is not sure of: as before (one answer or did-you-mean), no two answers',
    async (lang, text) => {
      const chat = new TestConversation(LOCALES[lang]);
      const read = transcript(await chat.send(text));
      expect(read).not.toContain(`**${entry('online-discount', lang).question}**`);
    },
  );

  test.each([
    ['de', 'Meine Vertragsnummer ist KPT 1234 5678, warum geht das Login nicht?'],
    ['fr', 'Mon numéro de contrat est KPT12345678, pourquoi le login ne marche pas?'],
    ['it', 'Il mio numero di contratto è KPT12345678, perché il login non funziona?'],
  ] as const)(
    '[%s] "%s": a part giving personal data is context, not a second question',
    async (lang, text) => {
      const chat = new TestConversation(LOCALES[lang]);
      const read = transcript(await chat.send(text));
      expect(read).not.toContain(`**${entry('contract-number-forgotten', lang).question}**`);
    },
  );
});
