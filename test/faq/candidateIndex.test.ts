import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom, syntheticEntries, withTypo, writeFaqDir } from '../../bench/syntheticFaq';
import { GramIndex, TypoCandidates } from '../../src/faq/candidateIndex';
import type { Faq } from '../../src/faq/content';
import { parseLabelledRows } from '../../src/faq/evaluation';
import { FaqIndex } from '../../src/faq/faqIndex';
import { LANGUAGES, type Language } from '../../src/language';
import { loadFaq } from '../../src/faq/loader';
import { MAX_CANDIDATES, type Matcher } from '../../src/faq/matcher';
import { words } from '../../src/faq/normalize';
import { charNgrams, countTerms } from '../../src/faq/ngrams';
import { PROJECT_ROOT } from '../helpers/paths';
import { describeOutcome, shippedIndex } from '../helpers/shippedFaq';

const devRows = parseLabelledRows(readFileSync(path.join(PROJECT_ROOT, 'test', 'devset.jsonl'), 'utf8'), 'devset');

/** Every phrasing of the FAQ in one language, each also with a typo. */
function phrasingsWithTypos(faq: Faq, lang: Language, share = 1): string[] {
  const random = seededRandom(5);
  return faq.entries
    .flatMap((e) => [e.text[lang].question, ...e.text[lang].alternates])
    .filter(() => random() < share)
    .flatMap((text) => [text, withTypo(text, random)]);
}

/** The texts whose indexed outcome differs from the outcome of scoring every intent. */
function disagreements(matcher: Matcher, texts: readonly string[]): string[] {
  return texts.flatMap((text) => {
    const exhaustive = matcher.rank(text);
    const indexed = matcher.best(text, MAX_CANDIDATES);
    const same =
      JSON.stringify(indexed) === JSON.stringify(exhaustive.slice(0, MAX_CANDIDATES)) &&
      JSON.stringify(matcher.matchQuestion(text)) === JSON.stringify(matcher.outcome(text, exhaustive));
    return same
      ? []
      : [`${JSON.stringify(text)}: scan ${describeOutcome(matcher.outcome(text, exhaustive))}, index ${describeOutcome(matcher.matchQuestion(text))}`];
  });
}

describe('the candidate index gives the decisions of scoring every intent', () => {
  test.each(LANGUAGES)('shipped FAQ, %s: every question, alternate (also with a typo) and dev-set row', (lang) => {
    const matcher = shippedIndex().matcher(lang);
    const texts = [...phrasingsWithTypos(shippedIndex().faq, lang), ...devRows.filter((r) => r.lang === lang).map((r) => r.text)];
    expect(texts.length).toBeGreaterThan(500);
    expect(disagreements(matcher, texts)).toEqual([]);
  }, 60_000);

  describe('a synthetic FAQ of 300 entries, where many entries score alike', () => {
    let index: FaqIndex;
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'candidate-index-'));
      writeFaqDir(dir, shippedIndex().faq, syntheticEntries(shippedIndex().faq, 300));
      index = new FaqIndex(loadFaq(dir));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test.each(LANGUAGES)('%s: a sample of its phrasings (also with a typo) and the dev set', (lang) => {
      const texts = [...phrasingsWithTypos(index.faq, lang, 0.03), ...devRows.filter((r) => r.lang === lang).map((r) => r.text)];
      expect(disagreements(index.matcher(lang), texts)).toEqual([]);
    }, 60_000);
  });
});

describe('typo correction through the bigram index finds what fuse.js finds over the whole vocabulary', () => {
  /** A misspelling of a word, in turn: a letter left out, doubled, swapped with the next, replaced. */
  function misspelling(word: string, n: number): string {
    const i = Math.floor(word.length / 2);
    return [
      word.slice(0, i) + word.slice(i + 1),
      word.slice(0, i) + word[i] + word.slice(i),
      word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2),
      word.slice(0, i) + 'x' + word.slice(i + 1),
    ][n % 4];
  }

  test.each(LANGUAGES)('%s: misspellings of every word of the FAQ, and short or odd words', (lang) => {
    const faq = shippedIndex().faq;
    const vocabulary = [
      ...new Set(faq.entries.flatMap((e) => [e.text[lang].question, ...e.text[lang].alternates].flatMap((t) => words(t, lang)))),
    ];
    const typos = new TypoCandidates(vocabulary, 0.25);
    const probes = [
      ...vocabulary.filter((w) => w.length >= 4).map(misspelling),
      ...['bebe', 'aaaa', 'abab', 'chercher', 'tagtag', 'zzzzzz', 'x'.repeat(40), 'versicherungsbestätigungsformularausfüllhilfe'],
    ];
    const different = probes.filter((w) => JSON.stringify(typos.closest(w)) !== JSON.stringify(typos.closestByScan(w)));
    expect(different).toEqual([]);
    // The index must have something to do: most misspellings find a word.
    expect(probes.filter((w) => typos.closest(w) !== undefined).length).toBeGreaterThan(probes.length / 2);
  }, 60_000);

  test('only words sharing enough bigrams are handed to fuse.js', () => {
    const typos = new TypoCandidates(['passwort', 'password', 'prämie', 'rechnung', 'steuer', 'wort'], 0.25);
    expect(typos.candidates('paswort')).toEqual(['passwort', 'password']);
    // Repeated bigrams count once per word: "abab" needs one of ab/ba.
    expect(typos.candidates('abab')).toEqual([]);
    expect(typos.candidates('wortwort')).toEqual(['passwort', 'password', 'wort']);
    // Longer than fuse.js takes in one piece: fuse.js sees every word.
    expect(typos.candidates('x'.repeat(40))).toBeUndefined();
  });
});

describe("each intent's phrasings inverted by n-gram give the cosines of scanning every posting", () => {
  const grams = (text: string) => countTerms(charNgrams(text.split(' ')));
  // Three intents; the second's phrasings share n-grams with each other and with the others'; the third's none.
  const phrasings = [
    ['passwort vergessen', 'passwort neu setzen'],
    ['code nicht erhalten', 'sms code fehlt', 'code per post'],
    ['xyz'],
  ];
  const intents = Int32Array.from(phrasings.flatMap((list, i) => list.map(() => i)));
  const index = new GramIndex(phrasings.flat().map(grams), intents, phrasings.length);

  test.each([
    'passwort vergessen',
    'sms code nicht erhalten',
    'neuer code per sms, passwort vergessen',
    'code',
    'ganz anderes thema',
  ])('%s', (text) => {
    const query = index.vector(grams(text));
    const scanned = Array.from(index.bestCosines(query));
    const looked = phrasings.map((_, i) => index.bestCosine(query, i));
    expect(looked).toEqual(scanned);
    // The bound the candidate search relies on is never below the cosine.
    const bounds = Array.from(index.upperBounds(query));
    looked.forEach((cosine, i) => expect(bounds[i]).toBeGreaterThanOrEqual(cosine - 1e-9));
    // After the bounds, the cosines of the same query come from what the bounds found on the way: the same.
    expect(phrasings.map((_, i) => index.bestCosine(query, i))).toEqual(scanned);
    const other = index.vector(grams('passwort per sms'));
    expect(phrasings.map((_, i) => index.bestCosine(other, i))).toEqual(Array.from(index.bestCosines(other)));
  });

  test('an intent without a shared n-gram scores 0, an identical phrasing 1', () => {
    const query = index.vector(grams('passwort vergessen'));
    expect(index.bestCosine(query, 2)).toBe(0);
    expect(index.bestCosine(query, 0)).toBeCloseTo(1, 12);
  });
});
