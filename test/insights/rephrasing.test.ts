import { isRephrasing } from '../../src/insights/rephrasing';
import { maskPii } from '../../src/security/pii';

describe('isRephrasing: a question asked again in other words, not a new topic', () => {
  test.each([
    ['de', 'Ist es das wert, online?', 'Wie hoch ist der Online-Rabatt?'],
    ['de', 'Gibt es Rabatt?', 'Wie bekomme ich den Treuerabatt?'],
    ['fr', 'mot de passe perdu, que faire', "J'ai oublié mon mot de passe"],
    ['it', 'attestati fiscali dove', "Dove trovo l'attestato fiscale?"],
  ] as const)('%s: "%s" then "%s" is a rephrasing', (lang, first, second) => {
    expect(isRephrasing(first, second, lang)).toBe(true);
  });

  test.each([
    ['de', maskPii('Meine IBAN ist CH93 0076 2011 6238 5295 7'), 'Ich habe mein Passwort vergessen'],
    ['de', maskPii('KPT12345678 und 079 123 45 67'), maskPii('Meine Nummer KPT87654321 geht nicht')],
    ['fr', 'Bonjour', 'Comment activer la e-facture?'],
    ['it', 'Ist es das wert?', 'Come attivo la e-fattura?'],
  ] as const)('%s: "%s" then "%s" is a new topic', (lang, first, second) => {
    expect(isRephrasing(first, second, lang)).toBe(false);
  });
});
