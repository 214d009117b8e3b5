import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isSpokenRow, parseLabelledRows } from '../../src/faq/evaluation';
import { LANGUAGES, type Language } from '../../src/language';
import { decide, DEFAULT_THRESHOLDS, MAX_CANDIDATES, type MatchOutcome } from '../../src/faq/matcher';
import { contentVocabulary, findAmbiguousText } from '../helpers/ambiguity';
import { PROJECT_ROOT } from '../helpers/paths';
import { ask, describeOutcome, shippedIndex } from '../helpers/shippedFaq';

const index = shippedIndex();
const match = (text: string, lang: Language): MatchOutcome => index.matchQuestion(text, lang);

describe('spelling variants give the same outcome', () => {
  const variants: Array<[Language, string[]]> = [
    [
      'de',
      [
        'Wo finde ich die Prämienrechnung?',
        'wo finde ich die praemienrechnung',
        'wo finde ich die pramienrechnung',
        'WO FINDE ICH DIE PRÄMIENRECHNUNG',
      ],
    ],
    [
      'de',
      [
        'Wie heißt die zweistufige Anmeldung?',
        'Wie heisst die zweistufige Anmeldung?',
        'wie heisst die zweistufige anmeldung',
      ],
    ],
    [
      'de',
      ['Passwort vergessen', 'passwort vergessen?!', '  Passwort,   vergessen … ', 'PASSWORT VERGESSEN'],
    ],
    ['fr', ['réduction online', 'reduction online', 'Réduction online ?', 'RÉDUCTION   ONLINE!']],
    ['fr', ['facture électronique', 'facture electronique', 'Facture  électronique?']],
    [
      'it',
      ['perché non riesco ad accedere', 'perche non riesco ad accedere', 'Perché non riesco ad accedere???'],
    ],
    ['it', ["l'attestato fiscale", 'l’attestato fiscale', 'L attestato  fiscale']],
  ];

  test.each(variants)('%s: %j', (lang, texts) => {
    const [first, ...others] = texts.map((t) => match(t, lang));
    expect(first.kind).toBe('answer');
    for (const outcome of others) expect(outcome).toEqual(first);
  });
});

describe('typos still find the entry', () => {
  const typos: Array<[Language, string, string]> = [
    ['de', 'pasword vergesen', 'password-forgotten'],
    ['de', 'Passwrot vergessen', 'password-forgotten'],
    ['de', 'Steuerbeschienigung', 'tax-certificate'],
    ['fr', 'mot de pase oublie', 'password-forgotten'],
    ['fr', 'justificatf fiscal', 'tax-certificate'],
    ['it', 'atestato fiscal', 'tax-certificate'],
    ['it', 'pasword dimenticata', 'password-forgotten'],
    ['it', 'sconot online', 'online-discount'],
  ];

  test.each(typos)('%s: %j → %s', (lang, text, id) => {
    expect(ask(text, lang)).toMatch(new RegExp(`^answer ${id} `));
  });
});

describe('Swiss German and compound words get the answer', () => {
  // Dialect words are read through faq/synonyms.yaml; compounds are split into words the FAQ knows.
  const questions: Array<[string, string]> = [
    ['Mini Arzträchnige, wohi schicke?', 'doctor-bills'],
    ['Zusatzcode ufs Natel schicke', 'extra-code-order'],
    ['wo krieg ich die steuerbescheinigung', 'tax-certificate'],
    ['Ich cha mi Passwort nöd finde', 'password-forgotten'],
    ['Mis Natel het kei SMS mit em Zusatzcode übercho', 'extra-code-order'],
    ['wie chan i mi für d E-Rächnig registriere', 'ebill'],
    ['Wie chan i mi Treuerabatt becho?', 'loyalty-discount'],
    ['Ich benötige eine Steuerbescheinigung', 'tax-certificate'],
    ['Zusatzcodebestellung per SMS', 'extra-code-order'],
    ['Arztrechnungsetiketten bestellen', 'doctor-bills'],
    ['Onlineversicherungsaustritt', 'online-leave'],
    ['Passwortreset', 'password-forgotten'],
    ['Codekartenposition eingeben', 'code-card'],
  ];

  test.each(questions)('%j → %s', (text, id) => {
    expect(ask(text, 'de')).toMatch(new RegExp(`^answer ${id} `));
  });
});

describe('questions the FAQ does not answer never get a confident answer', () => {
  // Deductible, change of address, premium amount, weather: real questions outside the portal FAQ.
  const outOfScope: Record<Language, string[]> = {
    de: [
      'Wie hoch ist meine Franchise?',
      'Franchise ändern',
      'Ich bin umgezogen, wie ändere ich meine Adresse?',
      'Adressänderung melden',
      'Wie hoch ist meine Prämie?',
      'Wie viel kostet meine Prämie nächstes Jahr?',
      'Wie wird das Wetter morgen?',
      'Wird es am Wochenende regnen?',
    ],
    fr: [
      'Quelle est ma franchise?',
      'changer ma franchise',
      "J'ai déménagé, comment changer mon adresse?",
      "changement d'adresse",
      'Combien coûte ma prime?',
      'Quel est le montant de ma prime?',
      'Quel temps fera-t-il demain?',
      'Va-t-il pleuvoir ce week-end?',
    ],
    it: [
      'Qual è la mia franchigia?',
      'cambiare la franchigia',
      'Ho traslocato, come cambio il mio indirizzo?',
      'cambio di indirizzo',
      'Quanto costa il mio premio?',
      "Qual è l'importo del mio premio?",
      'Che tempo farà domani?',
      'Pioverà questo fine settimana?',
    ],
  };
  const cases = LANGUAGES.flatMap((lang) => outOfScope[lang].map((text) => [lang, text] as const));

  // A wrong confident answer is worse than a fallback; "did you mean" still lets the user decline.
  // (Several of these still get "did you mean" rather than the fallback: a known gap, see README.)
  test.each(cases)('%s: %j', (lang, text) => {
    expect(ask(text, lang)).toMatch(/^(fallback|ambiguous) /);
  });
});

describe('"did you mean"', () => {
  test.each(LANGUAGES)(
    '%s: the shipped content has ambiguous questions, offered as 2–3 real entries',
    (lang) => {
      const { text, candidates } = findAmbiguousText(index, lang);
      expect(candidates.length).toBeGreaterThanOrEqual(2);
      expect(candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES);
      expect(MAX_CANDIDATES).toBe(3);
      for (const c of candidates) expect(index.entry(c.id)).toBeDefined();
      expect(match(text, lang)).toEqual({ kind: 'ambiguous', candidates });
    },
  );

  test('every ambiguous outcome offers 1 to 3 distinct entries, best first', () => {
    const devset = parseLabelledRows(
      readFileSync(path.join(PROJECT_ROOT, 'test', 'devset.jsonl'), 'utf8'),
      'devset.jsonl',
    ).filter(isSpokenRow);
    const queries = [
      ...devset.map((row) => [row.lang, row.text] as const),
      ...LANGUAGES.flatMap((lang) => contentVocabulary(index, lang).map((word) => [lang, word] as const)),
    ];
    let ambiguous = 0;
    const bad: string[] = [];
    for (const [lang, text] of queries) {
      const outcome = match(text, lang);
      if (outcome.kind !== 'ambiguous') continue;
      ambiguous++;
      const ids = outcome.candidates.map((c) => c.id);
      const scores = outcome.candidates.map((c) => c.score);
      const ok =
        ids.length >= 1 &&
        ids.length <= 3 &&
        new Set(ids).size === ids.length &&
        ids.every((id) => index.entry(id)) &&
        scores.every((s, i) => i === 0 || s <= scores[i - 1]);
      if (!ok) bad.push(`[${lang}] ${JSON.stringify(text)}: ${describeOutcome(outcome)}`);
    }
    expect(ambiguous).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });

  test('many close candidates are cut to 3; a lone plausible one is offered alone', () => {
    const close = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, score: 0.42 - i * 0.01 }));
    const many = decide(close, DEFAULT_THRESHOLDS);
    expect(many.kind).toBe('ambiguous');
    expect(many.candidates.map((c) => c.id)).toEqual(['a', 'b', 'c']);

    const lone = decide(
      [
        { id: 'a', score: 0.4 },
        { id: 'b', score: 0.05 },
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(lone).toEqual({ kind: 'ambiguous', candidates: [{ id: 'a', score: 0.4 }] });
  });
});

describe('a close second that the answer offers as a follow-up', () => {
  const ranking = [
    { id: 'login-levels', score: 0.7 },
    { id: 'two-step-login-activate', score: 0.675 },
  ];

  const offers = (best: string, next: string) => best === 'login-levels' && next === 'two-step-login-activate';

  test('does not stop the answer when the classifier ranks it first too: the user gets the other entry as a button', () => {
    expect(decide(ranking, DEFAULT_THRESHOLDS, offers, () => 0, 'agrees')).toMatchObject({ kind: 'answer', id: 'login-levels' });
  });

  test('without the classifier agreeing it is "did you mean": the lexical score alone confuses such pairs', () => {
    expect(decide(ranking, DEFAULT_THRESHOLDS, offers, () => 0, 'none').kind).toBe('ambiguous');
  });

  test('an unrelated close second still makes it "did you mean"', () => {
    expect(decide(ranking, DEFAULT_THRESHOLDS).kind).toBe('ambiguous');
    expect(decide(ranking, DEFAULT_THRESHOLDS, (_best, next) => next === 'login-levels').kind).toBe('ambiguous');
  });

  test('the shipped follow-ups are used: login-levels offers two-step-login-activate', () => {
    expect(index.entry('login-levels')?.followUps).toContain('two-step-login-activate');
    expect(index.matcher('de').decide(ranking, 'agrees')).toMatchObject({ kind: 'answer', id: 'login-levels' });
  });
});

describe('every shipped phrasing finds its own entry', () => {
  // Answered, or first of a "did you mean" when a close follow-up shares its words and the classifier is not sure.
  test.each(LANGUAGES)('%s: each question and alternate is answered with its own id or offered first', (lang) => {
    const offenders = index.faq.entries.flatMap((entry) =>
      [entry.text[lang].question, ...entry.text[lang].alternates]
        .map((text) => ({ text, outcome: match(text, lang) }))
        .filter(({ outcome }) => (outcome.kind === 'answer' ? outcome.id : outcome.candidates[0]?.id) !== entry.id)
        .map(({ text, outcome }) => `${entry.id}: ${JSON.stringify(text)} → ${describeOutcome(outcome)}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('odd input never breaks the matcher', () => {
  const longText = 'Ich habe eine Frage zu meiner Police und zum Login. '.repeat(100).slice(0, 5000);
  const odd: Array<[string, string]> = [
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['emoji only', '😀🙈👍🏽🇨🇭'],
    ['digits only', '0800 815 415 123456789'],
    ['punctuation only', '?!?!... ;-)'],
  ];

  test.each(LANGUAGES.flatMap((lang) => odd.map(([name, text]) => [lang, name, text] as const)))(
    '%s: %s → fallback',
    (lang, _name, text) => {
      expect(match(text, lang)).toEqual({ kind: 'fallback', candidates: [] });
    },
  );

  test.each(LANGUAGES)('%s: 5,000 characters get an outcome, quickly', (lang) => {
    const started = Date.now();
    const outcome = match(longText, lang);
    expect(['answer', 'ambiguous', 'fallback']).toContain(outcome.kind);
    expect(outcome.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('any string, in any language, gets a well-formed outcome', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom(...LANGUAGES),
        (text, lang) => {
          const outcome = match(text, lang);
          expect(['answer', 'ambiguous', 'fallback']).toContain(outcome.kind);
          expect(outcome.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES);
          if (outcome.kind === 'answer') expect(index.entry(outcome.id)).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
