import { loadConfig, thresholdsOf } from '../../src/config';
import { FaqIndex } from '../../src/faq/faqIndex';
import type { Language } from '../../src/language';
import { loadFaq } from '../../src/faq/loader';
import { checkQuality, formatFinding, type QualityCheck, type QualityFinding } from '../../src/faq/quality';
import { findCollisions } from '../../src/faq/quality/collisions';
import { findLowercaseCourtesy, lowercaseCourtesyForms } from '../../src/faq/quality/courtesy';
import { findFewAlternates, findNearDuplicateEntries, findSharedAlternates } from '../../src/faq/quality/duplicates';
import { extractFacts, findFactDrift } from '../../src/faq/quality/facts';
import { findNegationPairs } from '../../src/faq/quality/negations';
import { findWrongLanguagePhrasings } from '../../src/faq/quality/languages';
import { MIN_ALTERNATES } from '../../src/faq/schema';
import { FaqCopy, type EntryDocument } from '../helpers/faqCopy';
import { FAQ_DIR } from '../helpers/paths';

const indexOf = (dir: string) => new FaqIndex(loadFaq(dir), thresholdsOf(loadConfig({})));

/** The checks one by one: matching every phrasing (collisions) takes seconds, the others milliseconds. */
const CHECKS: Record<Exclude<QualityCheck, 'review-overdue' | 'languages-out-of-step'>, (index: FaqIndex) => QualityFinding[]> = {
  collision: findCollisions,
  'near-duplicate': (index) => findNearDuplicateEntries(index.faq.entries),
  'shared-alternate': (index) => findSharedAlternates(index.faq.entries),
  'few-alternates': (index) => findFewAlternates(index.faq.entries),
  'fact-drift': (index) => findFactDrift(index.faq.entries, index.faq.facts),
  'wrong-language': (index) => findWrongLanguagePhrasings(index.faq.entries),
  'negation-pair': (index) => findNegationPairs(index.faq.entries),
  'courtesy-form': (index) => findLowercaseCourtesy(index.faq.entries),
};

const findingsOf = (dir: string, check: keyof typeof CHECKS) => CHECKS[check](indexOf(dir));

test('the shipped faq/ has no quality problem (what `faq -- check --strict` enforces in CI)', () => {
  const findings = checkQuality(indexOf(FAQ_DIR));

  expect(findings.map(formatFinding)).toEqual([]);
});

describe('each quality check catches a planted problem, naming file, entry, language, field and what to do', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  /**
   * Changes entry `id` and moves it to entries/planted.yaml, so that a finding naming the file cannot
   * pass for naming the entry id. Returns what `damage` returns.
   */
  function plant<T>(id: string, damage: (entry: EntryDocument) => T): T {
    let result: T | undefined;
    copy.damageEntry(id, 'planted.yaml', (entry) => (result = damage(entry)));
    return result as T;
  }

  test('collision: an alternate that the matcher answers with another entry', () => {
    const index = plant('documents-where', (e) => e.fr!.alternates.push('mot de passe oublié') - 1);

    const found = findingsOf(copy.dir, 'collision');

    expect(found).toEqual([
      expect.objectContaining({
        file: 'entries/planted.yaml',
        entryId: 'documents-where',
        lang: 'fr',
        field: `fr.alternates.${index}`,
      }),
    ]);
    expect(found[0].problem).toContain('"mot de passe oublié"');
    expect(found[0].problem).toContain('password-forgotten');
    expect(found[0].advice).toMatch(/reword|remove/);
  });

  test('near-duplicate: a second entry that asks and answers the same', () => {
    const original = copy.readEntry('online-discount');
    copy.writeEntry('planted.yaml', {
      ...original,
      id: 'online-discount-again',
      followUps: [],
      de: { ...original.de!, alternates: original.de!.alternates.map((a) => `${a} bitte`) },
    });

    const found = findingsOf(copy.dir, 'near-duplicate').filter((f) => f.lang === 'de');

    expect(found).toContainEqual(
      expect.objectContaining({
        file: 'entries/planted.yaml',
        entryId: 'online-discount-again',
        field: expect.stringMatching(/^de\.(question|answer)$/),
      }),
    );
    expect(found.every((f) => f.problem.includes('online-discount'))).toBe(true);
    expect(found[0].advice).toMatch(/merge/);
  });

  test('negation pair: an alternate that differs from another entry’s mainly by a negation', () => {
    const original = copy.readEntry('extra-code-order').de!.alternates[0];
    const index = plant('documents-where', (e) => e.de!.alternates.push(`${original} nicht`) - 1);

    const found = findingsOf(copy.dir, 'negation-pair').filter((f) => f.entryId === 'documents-where');

    expect(found).toEqual([
      expect.objectContaining({ file: 'entries/planted.yaml', lang: 'de', field: `de.alternates.${index}` }),
    ]);
    expect(found[0].problem).toContain('extra-code-order');
    expect(found[0].advice).toMatch(/sets the two apart/);
  });

  test('shared alternate: the same phrasing (other case and word order) in two entries', () => {
    const index = plant('loyalty-discount', (e) => e.fr!.alternates.push('Online Rabais') - 1);

    const found = findingsOf(copy.dir, 'shared-alternate');

    expect(found).toEqual([
      expect.objectContaining({
        file: 'entries/planted.yaml',
        entryId: 'loyalty-discount',
        lang: 'fr',
        field: `fr.alternates.${index}`,
      }),
    ]);
    expect(found[0].problem).toContain('online-discount');
    expect(found[0].advice).toMatch(/remove it from the other/);
  });

  test('few alternates: fewer really different alternates than the minimum in one language', () => {
    plant('online-discount', (e) => {
      const kept = e.it!.alternates.slice(0, MIN_ALTERNATES - 1);
      // Valid for the schema (no exact duplicate), but the same phrasing as the first one for the matcher.
      e.it!.alternates = [...kept, `${kept[0].toUpperCase()}!`];
    });

    const found = findingsOf(copy.dir, 'few-alternates');

    expect(found).toEqual([
      expect.objectContaining({
        file: 'entries/planted.yaml',
        entryId: 'online-discount',
        lang: 'it',
        field: 'it.alternates',
      }),
    ]);
    expect(found[0].problem).toContain(`only ${MIN_ALTERNATES - 1}`);
    expect(found[0].advice).toMatch(/add 1 or more/);
  });

  test('courtesy form: an Italian answer that writes "la sua banca" or "le serve" in lower case', () => {
    plant('ebill', (e) => {
      e.it!.answer = `${e.it!.answer}\n\nSe le serve aiuto, la sua banca risponde.`;
    });

    const found = findingsOf(copy.dir, 'courtesy-form');

    expect(found).toEqual([
      expect.objectContaining({ file: 'entries/planted.yaml', entryId: 'ebill', lang: 'it', field: 'it.answer' }),
    ]);
    expect(found[0].problem).toContain('"le", "sua"');
    expect(found[0].advice).toContain('Sua');
  });

  test('wrong language: a German alternate in the French section is flagged, a short keyword one is not', () => {
    const index = plant('online-discount', (e) => {
      e.fr!.alternates.push('Wie viel Rabatt bekomme ich mit der Online-Versicherung?', 'Online Rabatt Prozent');
      return e.fr!.alternates.length;
    });

    const found = findingsOf(copy.dir, 'wrong-language');

    expect(found).toEqual([
      expect.objectContaining({
        file: 'entries/planted.yaml',
        entryId: 'online-discount',
        lang: 'fr',
        field: `fr.alternates.${index - 2}`,
      }),
    ]);
    expect(found[0].problem).toContain('looks written in de');
    expect(found[0].advice).toContain('"de:" section');
  });

  const DRIFTS: Array<{ kind: string; id: string; lang: Language; from: string; to: string; shown: string }> = [
    { kind: 'phone number', id: 'suisseid-help', lang: 'fr', from: '0900 008 007', to: '0900 008 008', shown: '0900 008 007' },
    { kind: 'e-mail address', id: 'login-failed', lang: 'it', from: 'websupport@kpt.ch', to: 'support@kpt.ch', shown: 'websupport@kpt.ch' },
    { kind: 'web address', id: 'ebill', lang: 'de', from: 'www.e-rechnung.ch', to: 'www.ebill.ch', shown: 'www.e-rechnung.ch' },
    { kind: 'percentage', id: 'loyalty-discount', lang: 'de', from: '6,7%', to: '7%', shown: '6,7%' },
    { kind: 'number of years', id: 'documents-retention', lang: 'it', from: 'dieci anni', to: 'cinque anni', shown: 'zehn jahren' },
  ];

  test.each(DRIFTS)('fact drift: the $kind changed in one language', ({ kind, id, lang, from, to, shown }) => {
    plant(id, (e) => {
      expect(e[lang]!.answer).toContain(from);
      e[lang]!.answer = e[lang]!.answer.replace(from, to);
    });

    const found = findingsOf(copy.dir, 'fact-drift').filter((f) => f.lang === lang);

    expect(found).toEqual([
      expect.objectContaining({ file: 'entries/planted.yaml', entryId: id, lang, field: `${lang}.answer` }),
    ]);
    expect(found[0].problem).toContain(kind);
    expect(found[0].problem.toLowerCase()).toContain(shown);
    expect(found[0].advice).toContain('same one in every language');
  });

  test('fact drift: an answer giving another language\'s support line (faq/facts.yaml) is flagged', () => {
    plant('extra-code-order', (e) => {
      expect(e.it!.answer).toContain('0800 815 417');
      e.it!.answer = e.it!.answer.replace('0800 815 417', '0800 815 416');
    });

    const found = findingsOf(copy.dir, 'fact-drift');

    expect(found).toEqual([
      expect.objectContaining({ file: 'entries/planted.yaml', entryId: 'extra-code-order', lang: 'it', field: 'it.answer' }),
    ]);
    expect(found[0].problem).toContain('"0800 815 416" is the one for fr');
    expect(found[0].advice).toContain('0800 815 417');
  });

  test('fact drift: each language giving its own support line, or all lines listed, is no drift', () => {
    const faq = loadFaq(FAQ_DIR);
    const answer = (id: string, lang: Language) => faq.byId.get(id)!.text[lang].answer;
    expect(answer('login-failed', 'de')).toContain('0800 815 415');
    expect(answer('login-failed', 'fr')).toContain('0800 815 416');
    expect(answer('login-failed', 'it')).toContain('0800 815 417');
    for (const lang of ['de', 'fr', 'it'] as const) {
      expect(answer('login-support-contact', lang)).toMatch(/415[\s\S]*416[\s\S]*417/);
    }
    expect(findFactDrift(faq.entries, faq.facts)).toEqual([]);
  });

  test('fact drift: a fact missing from one language only is reported for that language', () => {
    plant('suisseid-help', (e) => (e.de!.answer = e.de!.answer.replace('0900 008 007', 'der Helpline')));

    const found = findingsOf(copy.dir, 'fact-drift');

    expect(found.map((f) => [f.entryId, f.lang])).toEqual([['suisseid-help', 'de']]);
    expect(found[0].problem).toContain('"0900 008 007" (in fr, it)');
  });
});

describe('facts read from an answer', () => {
  test.each([
    ['de', 'Rufen Sie +41 58 585 83 48 an oder 058 585 83 48.', ['phone number:0585858348', 'phone number:0585858348']],
    ['de', 'Mit einem **3-Jahres-Vertrag** erhalten Sie **6,7%**.', ['percentage:6.7%', 'number of years:3 years']],
    ['de', 'während **mindestens zehn Jahren**', ['number of years:10 years']],
    ['fr', 'au moins dix ans, voir https://www.kpt.ch/suisseid/.', ['web address:www.kpt.ch/suisseid', 'number of years:10 years']],
    ['it', 'scriva a WebSupport@kpt.ch. Sconto del 5 per cento.', ['e-mail address:websupport@kpt.ch', 'percentage:5%']],
    ['fr', 'du lundi au samedi, de 07h 00 à 20h 00, le 1er jour du mois', []],
  ] as Array<[Language, string, string[]]>)('%s: %s', (lang, answer, expected) => {
    expect(extractFacts(answer, lang).map((f) => `${f.kind}:${f.value}`)).toEqual(expected);
  });
});

describe('Italian courtesy forms', () => {
  test.each([
    ['Grazie, la sua identità è confermata.', ['sua']],
    ['Il link è riservato a lei.', ['lei']],
    ['Per quale anno le serve l’attestato?', ['le']],
    ['Il supporto le ha inviato i suoi documenti.', ['le', 'suoi']],
  ])('lower case addressing the reader is flagged: %s', (text, forms) => {
    expect(lowercaseCourtesyForms(text)).toEqual(forms);
  });

  test.each([
    'Le serve la Sua password e il Suo numero: riservato a Lei.',
    'Può riformulare la domanda; le domande e le urgenze vanno al supporto.',
  ])('articles and capitalised forms are not: %s', (text) => {
    expect(lowercaseCourtesyForms(text)).toEqual([]);
  });
});
