import { FaqIndex } from '../../src/faq/faqIndex';
import { CALIBRATED_THRESHOLDS, decide, Matcher } from '../../src/faq/matcher';
import { allowedEdits, editDistance } from '../../src/faq/editDistance';
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
    ['de', 'Wie viel Rabatt gibt es online?', 'viel'],
    ['it', 'Quanto sconto ho online?', 'quanto'],
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

describe('defect 2: the score looks both ways, close calls are decided on the differing words', () => {
  test('"Wie viel Rabatt bekomme ich bei der Online-Versicherung?" is the online discount, not the basic-insurance one', () => {
    const outcome = match('Wie viel Rabatt bekomme ich bei der Online-Versicherung?', 'de');

    expect(outcome.candidates[0].id).toBe('online-discount');
    expect(outcome.kind === 'answer' ? outcome.id : 'online-discount').toBe('online-discount');
  });

  test('a phrasing whose words the question lacks scores below one the question matches whole', () => {
    const matcher = new Matcher(
      [
        { id: 'long', phrasings: ['Rabatt auf der Grundversicherung bei einer anderen Krankenkasse'] },
        { id: 'short', phrasings: ['Rabatt Grundversicherung'] },
      ],
      'de',
    );

    expect(matcher.best('Rabatt Grundversicherung', 2).map((c) => c.id)).toEqual(['short', 'long']);
  });

  test('of two close entries, the one with the word that differs wins', () => {
    const matcher = new Matcher(
      [
        { id: 'online', phrasings: ['Rabatt online Versicherung'] },
        { id: 'loyalty', phrasings: ['Rabatt Treue Versicherung'] },
      ],
      'de',
    );

    expect(matcher.best('Versicherung Rabatt Treue', 2)[0].id).toBe('loyalty');
    expect(matcher.best('online Rabatt Versicherung', 2)[0].id).toBe('online');
  });
});

describe('defect 6: thresholds per language, calibrated; the configuration only overrides', () => {
  test.each(LANGUAGES)('%s: the matcher uses its calibrated thresholds', (lang) => {
    expect(index.matcher(lang).thresholds).toEqual(CALIBRATED_THRESHOLDS[lang]);
  });

  test('a configured threshold replaces the calibrated one in every language, the others stay', () => {
    const overridden = new FaqIndex(index.faq, { answer: 0.99 });

    for (const lang of LANGUAGES) {
      expect(overridden.matcher(lang).thresholds).toEqual({ ...CALIBRATED_THRESHOLDS[lang], answer: 0.99, agreedAnswer: 0.99 });
    }
    expect(index.matchQuestion('Passwort vergessen was tun', 'de').kind).toBe('answer');
    expect(overridden.matchQuestion('Passwort vergessen was tun', 'de').kind).not.toBe('answer');
  });

  test('an entry with many phrasings does not outscore one whose single phrasing is the question', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Passwort ändern Schritt ${i} im Portal Konto`);
    const matcher = new Matcher(
      [
        { id: 'many', phrasings: many },
        { id: 'one', phrasings: ['Passwort im Portal vergessen'] },
      ],
      'de',
    );

    expect(matcher.best('Passwort im Portal vergessen', 2)[0].id).toBe('one');
  });

  test('an entry whose many phrasings share words with every question must score higher to be answered', () => {
    const topics = ['Rechnung', 'Adresse', 'Franchise', 'Prämie', 'Brille', 'Zahnarzt', 'Spital', 'Konto'];
    const matcher = new Matcher(
      [
        { id: 'general', phrasings: topics.map((t) => `Wie kann ich im Portal die ${t} sehen?`) },
        { id: 'code', phrasings: ['Codekarte verloren', 'neue Codekarte bestellen'] },
        { id: 'password', phrasings: ['Passwort vergessen', 'Wie kann ich im Portal das Passwort ändern?'] },
      ],
      'de',
      { answer: 0.5, margin: 0, ambiguous: 0.3 },
    );
    const [general, code] = [matcher.floorOf('general'), matcher.floorOf('code')];

    expect(general).toBeGreaterThan(code);
    // Half-way between what each needs: the entry that reaches less on other questions is answered, not this one.
    const score = 0.5 + (general + code) / 4;
    expect(matcher.decide([{ id: 'general', score }]).kind).toBe('ambiguous');
    expect(matcher.decide([{ id: 'code', score }]).kind).toBe('answer');
  });

  test('a margin is needed less the surer the answer: a near-perfect match is answered beside a good one', () => {
    const thresholds = { answer: 0.5, margin: 0.2, ambiguous: 0.3 };
    const near = [
      { id: 'a', score: 0.97 },
      { id: 'b', score: 0.85 },
    ];
    const low = [
      { id: 'a', score: 0.55 },
      { id: 'b', score: 0.45 },
    ];

    expect(decide(near, thresholds).kind).toBe('answer');
    expect(decide(low, thresholds).kind).toBe('ambiguous');
  });
});

describe('neighbours: questions near the FAQ that it does not answer', () => {
  const matcher = new Matcher(
    [
      { id: 'online-leave', phrasings: ['Online-Versicherung kündigen', 'aus der Online-Versicherung austreten'] },
      { id: 'neighbour:cancel', phrasings: ['Grundversicherung kündigen'], outOfScope: true },
    ],
    'de',
    { answer: 0.4, margin: 0.05, ambiguous: 0.3 },
  );

  test('a question closest to a neighbour falls back, and the neighbour is never offered', () => {
    const outcome = matcher.matchQuestion('Wie kann ich die Grundversicherung kündigen?');

    expect(outcome.kind).toBe('fallback');
    expect(outcome.candidates.map((c) => c.id)).not.toContain('neighbour:cancel');
  });

  test('the entry is still answered when the question is its own', () => {
    expect(matcher.matchQuestion('Online-Versicherung kündigen')).toMatchObject({ kind: 'answer', id: 'online-leave' });
  });

  test.each([
    ['de', 'Wie kann ich meine Grundversicherung kündigen?'],
    ['fr', 'Comment résilier mon assurance de base?'],
    ['it', "Come disdico l'assicurazione di base?"],
    ['de', 'Wie logge ich mich aus?'],
  ] as const)('%s: "%s" (shipped FAQ) gets no confident answer', (lang, text) => {
    expect(match(text, lang).kind).not.toBe('answer');
  });
});

describe('defect 5: polarity counts', () => {
  test('every negation word is one term: "nie", "kein" and "nicht" mean the same', () => {
    const matcher = new Matcher(
      [
        { id: 'have', phrasings: ['Ich habe den Code erhalten, wie geht es weiter?'] },
        { id: 'missing', phrasings: ['Ich habe den Code nicht erhalten'] },
      ],
      'de',
    );

    expect(matcher.best('Code nie erhalten', 2)[0].id).toBe('missing');
    expect(matcher.best('keinen Code erhalten', 2)[0].id).toBe('missing');
    expect(matcher.best('Code erhalten, wie weiter?', 2)[0].id).toBe('have');
  });

  test('a question without a negation lacks the word an entry of negated phrasings always has', () => {
    const matcher = new Matcher(
      [
        { id: 'received', phrasings: ['Brief mit dem Code ist da', 'Was tun mit dem Code im Brief?'] },
        { id: 'missing', phrasings: ['Brief mit dem Code nicht erhalten', 'Code nie erhalten', 'kein Code im Brief'] },
      ],
      'de',
    );

    expect(matcher.best('Brief mit Code erhalten, was tun?', 2)[0].id).toBe('received');
    expect(matcher.best('Brief mit Code nicht erhalten, was tun?', 2)[0].id).toBe('missing');
  });

  test.each([
    ['de', 'Der Brief mit dem Registrierungscode ist nie gekommen', 'connect-registration-code-missing'],
    ['de', 'Ich habe den Registrierungscode, wie geht es jetzt weiter?', 'connect-register'],
    ['fr', "Je n'ai jamais reçu le code d'inscription", 'connect-registration-code-missing'],
    ['it', 'Non ho mai ricevuto il codice di registrazione', 'connect-registration-code-missing'],
  ] as const)('%s: "%s" ranks %s first', (lang, text, id) => {
    expect(match(text, lang).candidates[0].id).toBe(id);
  });
});

describe('defect 4: typos are corrected on whole words, real words never', () => {
  test('Damerau–Levenshtein: a swap of neighbours is one edit; 1 edit up to 6 letters, 2 beyond', () => {
    expect(editDistance('passwrot', 'passwort', 2)).toBe(1);
    expect(editDistance('rabat', 'rabatt', 1)).toBe(1);
    expect(editDistance('code', 'codekarte', 2)).toBe(3);
    expect([allowedEdits('rabatt'), allowedEdits('passwort')]).toEqual([1, 2]);
  });

  test('a word inside a longer known word is not "corrected" to it', () => {
    const matcher = new Matcher([{ id: 'card', phrasings: ['Codekarte verloren'] }], 'de');

    expect(matcher.matchQuestion('codekarte').kind).toBe('answer');
    expect(matcher.matchQuestion('karte').kind).toBe('fallback');
  });

  test('a real word of the answers is not corrected to a known phrasing word', () => {
    const phrasings = [{ id: 'bill', phrasings: ['Rechnung verloren'] }];
    const lexicon = new Set(['rechnen']);

    expect(new Matcher(phrasings, 'de').matchQuestion('rechnen').kind).not.toBe('fallback');
    expect(new Matcher(phrasings, 'de', undefined, undefined, new Map(), lexicon).matchQuestion('rechnen').kind).toBe(
      'fallback',
    );
  });

  test('a verb with another particle is no typo: "abmelden" is never read as "anmelden"', () => {
    const matcher = new Matcher([{ id: 'login', phrasings: ['anmelden geht nicht'] }], 'de');

    expect(matcher.matchQuestion('abmelden').kind).toBe('fallback');
    expect(matcher.matchQuestion('anmelden').kind).toBe('answer');
  });

  test('a corrected typo counts less than the word typed right', () => {
    const matcher = new Matcher([{ id: 'password', phrasings: ['Passwort vergessen'] }], 'de');

    expect(matcher.best('Passwrot vergessen', 1)[0].score).toBeLessThan(matcher.best('Passwort vergessen', 1)[0].score);
  });
});

/** A small FAQ whose words the tests below control. */
const SMALL_FAQ = [
  { id: 'tax', phrasings: ['Wo finde ich die Steuerbescheinigung?', 'Steuerbescheinigung herunterladen', 'Steuerausweis für die Steuererklärung'] },
  { id: 'password', phrasings: ['Passwort vergessen', 'Ich habe mein Passwort vergessen', 'neues Passwort anfordern'] },
  { id: 'code', phrasings: ['Codekarte verloren', 'neue Codekarte bestellen', 'Wie funktioniert die Codekarte?'] },
  { id: 'bills', phrasings: ['Arztrechnung einsenden', 'Rechnung vom Arzt schicken', 'Wohin schicke ich die Rechnung?'] },
];

describe('a second scorer: when the classifier ranks the lexical best first too, less sureness will do', () => {
  const thresholds = { answer: 0.5, margin: 0.2, ambiguous: 0.3, agreedAnswer: 0.4 };
  const ranking = [
    { id: 'a', score: 0.45 },
    { id: 'b', score: 0.3 },
  ];

  test('a score between the agreed and the plain threshold is answered only when the scorers agree', () => {
    expect(decide(ranking, thresholds, undefined, undefined, 'agrees').kind).toBe('answer');
    expect(decide(ranking, thresholds, undefined, undefined, 'none').kind).toBe('ambiguous');
  });

  test('agreement does not answer a score below the agreed threshold, nor a close call', () => {
    const low = [{ id: 'a', score: 0.38 }];
    const close = [
      { id: 'a', score: 0.45 },
      { id: 'b', score: 0.4 },
    ];

    expect(decide(low, thresholds, undefined, undefined, 'agrees').kind).toBe('ambiguous');
    expect(decide(close, thresholds, undefined, undefined, 'agrees').kind).toBe('ambiguous');
  });

  test('the matcher asks the classifier: an answer it agrees on needs only agreedAnswer', () => {
    const text = 'Wo bekomme ich die Steuerbescheinigung?';
    const strict = { answer: 0.95, margin: 0.2, ambiguous: 0.1 };
    const agreeing = new Matcher(SMALL_FAQ, 'de', { ...strict, agreedAnswer: 0.3 });

    expect(agreeing.agrees(text, 'tax')).toBe(true);
    expect(agreeing.agrees(text, 'password')).toBe(false);
    expect(agreeing.matchQuestion(text)).toMatchObject({ kind: 'answer', id: 'tax' });
    expect(new Matcher(SMALL_FAQ, 'de', strict).matchQuestion(text).kind).toBe('ambiguous');
  });

  test('the classifier learns the phrasings: each shipped question is its own entry for it', () => {
    for (const lang of LANGUAGES) {
      const matcher = index.matcher(lang);
      const disagreeing = index.faq.entries.filter((e) => !matcher.agrees(e.text[lang].question, e.id)).map((e) => e.id);
      expect(disagreeing).toEqual([]);
    }
  });
});

describe('two questions in one: a clearly matched clause decides', () => {
  const matcher = new Matcher(SMALL_FAQ, 'de', { answer: 0.4, margin: 0.2, ambiguous: 0.1 });

  test('a question whose one clause asks is answered by that clause', () => {
    const text = 'Mein Mann macht das sonst immer. Wo finde ich die Steuerbescheinigung?';

    expect(matcher.decide(matcher.best(text, 3)).kind).not.toBe('answer');
    expect(matcher.matchQuestion(text)).toMatchObject({ kind: 'answer', id: 'tax' });
  });

  test('two clauses answered by two entries stay a "did you mean"', () => {
    const outcome = matcher.matchQuestion('Wo finde ich die Steuerbescheinigung? Ich habe ausserdem mein Passwort vergessen.');

    expect(outcome.kind).toBe('ambiguous');
    expect(outcome.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['tax', 'password']));
  });
});
