import Fuse from 'fuse.js';
import type { Language } from './language';
import { contentWords, stem } from './normalize';
import { charNgrams, countTerms } from './ngrams';

/** Something the user may mean, with the ways of saying it in one language. */
export interface Intent {
  id: string;
  phrasings: readonly string[];
}

export interface Thresholds {
  /** Least score of a confident answer. */
  answer: number;
  /** Least lead of a confident answer over the next intent. */
  margin: number;
  /** Least score to be offered as "did you mean". */
  ambiguous: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.58, margin: 0.03, ambiguous: 0.3 };

/** How far below the best a candidate may score and still be offered beside it. */
const CANDIDATE_SPREAD = 0.15;
export const MAX_CANDIDATES = 3;

export interface Candidate {
  id: string;
  score: number;
}

/** The three outcomes of matching a question; candidates are best first. */
export type MatchOutcome =
  | { kind: 'answer'; id: string; score: number; candidates: Candidate[] }
  | { kind: 'ambiguous'; candidates: Candidate[] }
  | { kind: 'fallback'; candidates: Candidate[] };

/** How the two scorers are combined; measured with `npm run eval`, not tuned to one FAQ's words. */
export interface Scoring {
  /** Weight of the character n-gram similarity against the word coverage. */
  ngramWeight: number;
  /**
   * How much a word counts for an intent when it stands in one of the intent's phrasings; each further
   * phrasing that uses it halves the remaining gap to 1. Words an intent uses often are its own.
   */
  singleUseWeight: number;
}

export const DEFAULT_SCORING: Scoring = { ngramWeight: 0.4, singleUseWeight: 0.6 };
/** A word the index does not know is replaced by the closest known word only this close (fuse.js score). */
const TYPO_MAX_DISTANCE = 0.25;
const TYPO_MIN_LENGTH = 4;

interface Phrasing {
  intent: number;
  norm: number;
}

/** Words with digits are identifiers, years or amounts: they say nothing about the intent. */
function meaningfulWords(text: string, lang: Language): string[] {
  return contentWords(text, lang).filter((w) => !/\d/.test(w));
}

function idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + documentCount / documentFrequency);
}

/**
 * A matcher over the intents of one language. It combines two scorers, each in [0, 1]:
 * - character-trigram TF-IDF cosine against every phrasing (tolerant of typos, inflection and compounds);
 * - idf-weighted coverage of the query's stemmed words by the intent's vocabulary, after fuse.js has
 *   corrected words the index does not know. Unknown words lower it: that is what rejects questions
 *   the FAQ does not answer.
 */
export class Matcher {
  private readonly intentIds: string[];
  private readonly phrasings: Phrasing[] = [];
  private readonly gramPostings = new Map<string, Array<{ phrasing: number; weight: number }>>();
  private readonly gramIdf = new Map<string, number>();
  private readonly maxGramIdf: number;
  /** For each stem: in how many phrasings of each intent it stands. */
  private readonly stemPostings = new Map<string, Map<number, number>>();
  private readonly stemIdf = new Map<string, number>();
  private readonly maxStemIdf: number;
  private readonly knownWords: Set<string>;
  private readonly vocabulary: Fuse<string>;

  constructor(
    intents: readonly Intent[],
    readonly lang: Language,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    private readonly scoring: Scoring = DEFAULT_SCORING,
  ) {
    this.intentIds = intents.map((i) => i.id);
    const phrasingGrams: Map<string, number>[] = [];
    const gramDf = new Map<string, number>();
    const words = new Set<string>();

    intents.forEach((intent, intentIndex) => {
      for (const text of intent.phrasings) {
        const terms = meaningfulWords(text, lang);
        terms.forEach((w) => words.add(w));
        for (const s of new Set(terms.map((w) => stem(w, lang)))) {
          const postings = this.stemPostings.get(s) ?? new Map<number, number>();
          postings.set(intentIndex, (postings.get(intentIndex) ?? 0) + 1);
          this.stemPostings.set(s, postings);
        }
        const grams = countTerms(charNgrams(terms));
        for (const g of grams.keys()) gramDf.set(g, (gramDf.get(g) ?? 0) + 1);
        phrasingGrams.push(grams);
        this.phrasings.push({ intent: intentIndex, norm: 0 });
      }
    });

    const phrasingCount = Math.max(1, this.phrasings.length);
    for (const [g, df] of gramDf) this.gramIdf.set(g, idf(phrasingCount, df));
    this.maxGramIdf = idf(phrasingCount, 0.5);
    phrasingGrams.forEach((grams, p) => {
      let squares = 0;
      for (const [g, tf] of grams) {
        const weight = tf * this.gramIdf.get(g)!;
        squares += weight * weight;
        const postings = this.gramPostings.get(g) ?? [];
        postings.push({ phrasing: p, weight });
        this.gramPostings.set(g, postings);
      }
      this.phrasings[p].norm = Math.sqrt(squares) || 1;
    });

    const intentCount = Math.max(1, intents.length);
    for (const [s, postings] of this.stemPostings) this.stemIdf.set(s, idf(intentCount, postings.size));
    this.maxStemIdf = idf(intentCount, 0.5);
    this.knownWords = words;
    this.vocabulary = new Fuse([...words], { includeScore: true, threshold: TYPO_MAX_DISTANCE, ignoreLocation: true });
  }

  /** Scores every intent the query shares anything with; best first. */
  rank(text: string): Candidate[] {
    const terms = meaningfulWords(text, this.lang).map((w) => this.correctTypo(w));
    if (terms.length === 0) return [];
    const ngram = this.ngramSimilarity(terms.map((t) => t.word));
    const coverage = this.coverage(terms);
    const ids = new Set([...ngram.keys(), ...coverage.keys()]);
    return [...ids]
      .map((i) => ({
        id: this.intentIds[i],
        score: this.scoring.ngramWeight * (ngram.get(i) ?? 0) + (1 - this.scoring.ngramWeight) * (coverage.get(i) ?? 0),
      }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /** One of the three outcomes for a user's question. */
  matchQuestion(text: string): MatchOutcome {
    return decide(this.rank(text), this.thresholds);
  }

  /** A word the index does not know becomes the closest known word, weighted by how close it is. */
  private correctTypo(word: string): { word: string; weight: number } {
    if (this.knownWords.has(word) || word.length < TYPO_MIN_LENGTH) return { word, weight: 1 };
    if (this.stemPostings.has(stem(word, this.lang))) return { word, weight: 1 };
    const [best] = this.vocabulary.search(word, { limit: 1 });
    // Typos rarely hit the first letter; "wetter" is not a typo of "zweiter".
    if (!best || best.score === undefined || best.item[0] !== word[0] || Math.abs(best.item.length - word.length) > 2) {
      return { word, weight: 1 };
    }
    return { word: best.item, weight: 1 - 2 * best.score };
  }

  /** Best cosine of the query's trigram vector with any phrasing of each intent. */
  private ngramSimilarity(words: string[]): Map<number, number> {
    const grams = countTerms(charNgrams(words));
    const dots = new Map<number, number>();
    let squares = 0;
    for (const [g, tf] of grams) {
      const weight = tf * (this.gramIdf.get(g) ?? this.maxGramIdf);
      squares += weight * weight;
      for (const posting of this.gramPostings.get(g) ?? []) {
        dots.set(posting.phrasing, (dots.get(posting.phrasing) ?? 0) + weight * posting.weight);
      }
    }
    const queryNorm = Math.sqrt(squares) || 1;
    const best = new Map<number, number>();
    for (const [p, dot] of dots) {
      const { intent, norm } = this.phrasings[p];
      const cosine = dot / (queryNorm * norm);
      if (cosine > (best.get(intent) ?? 0)) best.set(intent, cosine);
    }
    return best;
  }

  /** Share of the query's information (idf) that each intent's vocabulary covers. */
  private coverage(terms: Array<{ word: string; weight: number }>): Map<number, number> {
    const stems = new Map<string, number>();
    for (const t of terms) {
      const s = stem(t.word, this.lang);
      stems.set(s, Math.max(stems.get(s) ?? 0, t.weight));
    }
    const covered = new Map<number, number>();
    let total = 0;
    for (const [s, weight] of stems) {
      const information = this.stemIdf.get(s) ?? this.maxStemIdf;
      total += information;
      for (const [intent, uses] of this.stemPostings.get(s) ?? []) {
        const usage = 1 - (1 - this.scoring.singleUseWeight) * 0.5 ** (uses - 1);
        covered.set(intent, (covered.get(intent) ?? 0) + information * weight * usage);
      }
    }
    for (const [intent, value] of covered) covered.set(intent, value / total);
    return covered;
  }
}

/** Applies the thresholds to a ranking: a confident answer, "did you mean" candidates, or the fallback. */
export function decide(ranking: readonly Candidate[], thresholds: Thresholds): MatchOutcome {
  const [best, second] = ranking;
  const candidates = ranking.slice(0, MAX_CANDIDATES);
  if (!best || best.score < thresholds.ambiguous) return { kind: 'fallback', candidates };
  if (best.score >= thresholds.answer && best.score - (second?.score ?? 0) >= thresholds.margin) {
    return { kind: 'answer', id: best.id, score: best.score, candidates };
  }
  const close = candidates.filter((c) => c.score >= thresholds.ambiguous && best.score - c.score <= CANDIDATE_SPREAD);
  return { kind: 'ambiguous', candidates: close };
}
