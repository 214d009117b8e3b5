import { Matcher } from '../../src/faq/matcher';
import { contentWords, stem, writtenWords } from '../../src/faq/normalize';
import { LANGUAGES, type Language } from '../../src/language';
import { languageModule } from '../../src/languages';
import { unspokenLanguage } from '../../src/nlu/languageDetection';
import { shippedIndex } from '../helpers/shippedFaq';

const index = shippedIndex();
const match = (text: string, lang: Language) => index.matchQuestion(text, lang);

describe('defect 1: words that decide the meaning are kept', () => {
  test('a clause-final German verb particle is joined to its verb ("logge … aus" → "auslogge")', () => {
    expect(writtenWords('Wie logge ich mich aus?', 'de')).toContain('auslogge');
    expect(writtenWords('Wie logge ich mich ein?', 'de')).toContain('einlogge');
    expect(writtenWords('Ich trete aus der Zusatzversicherung aus.', 'de')).toContain('austrete');
    expect(stem('auslogge', 'de')).toBe(stem('ausloggen', 'de'));
  });

  test('logging in and logging out are not the same question', () => {
    const logIn = match('Wie logge ich mich ein?', 'de');
    const logOut = match('Wie logge ich mich aus?', 'de');

    expect(logOut.candidates[0]?.score ?? 0).not.toBeCloseTo(logIn.candidates[0]?.score ?? 0, 2);
    expect(logOut.kind).not.toBe('answer');
  });

  test('"Wie melde ich mich ab?" (no entry covers logging out) is not answered with connect-login', () => {
    const outcome = match('Wie melde ich mich ab?', 'de');

    expect(outcome.kind === 'answer' ? outcome.id : undefined).not.toBe('connect-login');
  });

  test.each([
    ['de', 'Wo finde ich alle Dokumente?', 'alle'],
    ['fr', 'Où trouver tous mes documents?', 'tous'],
    ['it', 'Dove trovo tutti i documenti?', 'tutti'],
  ] as const)('%s: the quantifier in "%s" is kept', (lang, text, quantifier) => {
    expect(contentWords(text, lang)).toContain(quantifier);
  });
});

describe('defect 3: words are stemmed as written, then folded', () => {
  test('French and Italian inflections stem alike with and without accents', () => {
    expect(stem('réduction', 'fr')).toBe(stem('reduction', 'fr'));
    expect(stem('télécharger', 'fr')).toBe(stem('telecharger', 'fr'));
    expect(stem('attività', 'it')).toBe(stem('attivita', 'it'));
  });

  test('German "Steuer" and "Steuern" are one stem, "neuen" is not "neun"', () => {
    expect(stem('steuer', 'de')).toBe(stem('steuern', 'de'));
    expect(stem('neuen', 'de')).not.toBe(stem('neun', 'de'));
  });

  test('both Swiss spellings of an umlaut give the same outcome', () => {
    const spellings = ['Prämienrechnung', 'Praemienrechnung', 'Pramienrechnung'].map((w) => match(w, 'de'));
    for (const outcome of spellings) expect(outcome).toEqual(spellings[0]);
  });
});

describe('defect 7: a language the bot does not speak', () => {
  test.each(['How do I log in?', 'Where can I find my tax certificate?', 'I have not received the code'])(
    '"%s" is recognised as English',
    (text) => {
      expect(unspokenLanguage(text)).toBe('en');
    },
  );

  test.each([
    ['de', 'Wie logge ich mich ein?'],
    ['de', 'connect sms code'],
    ['de', 'app crash android'],
    ['de', 'hoi zäme, wie gaht das login'],
    ['fr', 'Comment me connecter?'],
    ['it', 'Come faccio ad accedere?'],
  ])('%s "%s" is not', (_lang, text) => {
    expect(unspokenLanguage(text)).toBeUndefined();
  });

  test('a matcher for English builds and matches without throwing', () => {
    const intents = [
      { id: 'login', phrasings: ['How do I log in?', 'I cannot log in'] },
      { id: 'tax', phrasings: ['Where is my tax certificate?'] },
    ];
    const matcher = new Matcher(intents, 'en');

    expect(matcher.matchQuestion('where do I find the tax certificate').candidates[0]?.id).toBe('tax');
  });
});

describe('defect 8: one module per language', () => {
  test.each(LANGUAGES)('%s has its stemmer, stop words, negations and number words in one module', (lang) => {
    const module = languageModule(lang);

    expect(module.stemmer).toEqual(expect.any(String));
    expect(module.stopWords.length).toBeGreaterThan(100);
    expect(module.negations.length).toBeGreaterThan(3);
    expect(Object.values(module.numberWords)).toContain(3);
  });

  test('German has its separable-verb particles', () => {
    expect(languageModule('de').particles).toEqual(expect.arrayContaining(['an', 'ab', 'auf', 'aus', 'ein', 'zu']));
  });

  test('a language without a module gets words matched as written instead of an error', () => {
    const matcher = new Matcher([{ id: 'a', phrasings: ['kodi ya siri'] }], 'sw');

    expect(matcher.matchQuestion('kodi ya siri').candidates[0]?.id).toBe('a');
  });
});
