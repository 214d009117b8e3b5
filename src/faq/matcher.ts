import { GramIndex, TypoCandidates, type ClosestWord, type QueryVector } from './candidateIndex';
import { languageModule } from '../languages';
import { foldMarks, foldText, isStopWord, stem, writtenWords } from './normalize';
import { charNgrams, countTerms, idf } from './ngrams';

/** Something the user may mean, with the ways of saying it in one language. */
export interface Intent {
  id: string;
  phrasings: readonly string[];
  /** Intents the answer to this one offers next (as buttons). */
  followUps?: readonly string[];
}

export interface Thresholds {
  /** Least score of a confident answer. */
  answer: number;
  /** Least lead of a confident answer over the next intent. */
  margin: number;
  /** Least score to be offered as "did you mean". */
  ambiguous: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.57, margin: 0.03, ambiguous: 0.3 };

/**
 * The least lead of a confident answer over the next intent when that one is among the answer's follow-ups:
 * the answer then offers it as a button, so a close call between the two costs the user one click.
 */
export const FOLLOW_UP_MARGIN = 0.02;

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

export const DEFAULT_SCORING: Scoring = { ngramWeight: 0.3, singleUseWeight: 0.6 };
/** A word the index does not know is replaced by the closest known word only this close (fuse.js score). */
const TYPO_MAX_DISTANCE = 0.25;
const TYPO_MIN_LENGTH = 4;
/** Compounds are split only into known parts at least this long ("sms" + "code", not "e" + "rechnung"). */
const COMPOUND_PART_MIN_LENGTH = 3;
/** How many first letters of a stem `stemHeads` keeps. */
const STEM_HEAD_LENGTH = 3;
/** German links the parts of many compounds with an "s" ("Jahresvertrag", "Zahlungsfrist"). */
const LINKING_LETTERS = ['', 's'];
/** Longer "words" are not compounds but pasted noise: splitting them would only cost time. */
const COMPOUND_MAX_LENGTH = 40;

/** How many intents, per candidate wanted, are scored first (best bound first) to set the bar for the others. */
const SEED_FACTOR = 2;
/** Room for rounding: bounds are sums in another order than the scores they bound. */
const BOUND_SLACK = 1e-9;

/** Puts a candidate into a best-first list of at most `count`, if it belongs there. */
function keepBest(top: Candidate[], candidate: Candidate, count: number): void {
  if (top.length === count && byScore(candidate, top[count - 1]) >= 0) return;
  if (top.length === count) top.pop();
  top.push(candidate);
  top.sort(byScore);
}

/** Indices of the `count` largest values that are not negative. */
function largest(values: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || (top.length === count && values[i] <= values[top[count - 1]])) continue;
    if (top.length === count) top.pop();
    let k = top.length;
    while (k > 0 && values[top[k - 1]] < values[i]) k--;
    top.splice(k, 0, i);
  }
  return top;
}

/** Sorts candidates best first; equal scores by id, so that the order never depends on the index. */
function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.id.localeCompare(b.id);
}

/** For each stem: the intents whose phrasings use it, and in how many phrasings of each. */
interface StemPostings {
  intents: Int32Array;
  uses: Int32Array;
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
  /** "a b" for each intent a that offers b as a follow-up. */
  private readonly followUpPairs = new Set<string>();
  private readonly grams: GramIndex;
  private readonly stemPostings = new Map<string, StemPostings>();
  private readonly stemIdf = new Map<string, number>();
  private readonly maxStemIdf: number;
  private readonly knownWords = new Set<string>();
  /** The first letters of every known stem: most unknown words start none and need no stemming. */
  private readonly stemHeads = new Set<string>();
  /** Stems of the known words: stemming is the slowest step, and the FAQ and its users repeat their words. */
  private readonly knownStems = new Map<string, string>();
  /** Stems of other spellings of known words ("praemi" of "Praemie") → the stem the phrasings use ("prami"). */
  private readonly spellingStems = new Map<string, string>();
  private readonly vocabulary: TypoCandidates;
  private readonly spellings: (word: string) => string[];

  constructor(
    intents: readonly Intent[],
    /** One of the bot's languages; any other code gets a matcher that compares words as written. */
    readonly lang: string,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    private readonly scoring: Scoring = DEFAULT_SCORING,
    /** Words users write (folded) → the word the phrasings use for them. */
    private readonly synonyms: ReadonlyMap<string, string> = new Map(),
  ) {
    this.intentIds = intents.map((i) => i.id);
    this.spellings = languageModule(lang).spellings;
    for (const intent of intents) for (const next of intent.followUps ?? []) this.followUpPairs.add(`${intent.id} ${next}`);
    const phrasingGrams: Map<string, number>[] = [];
    const phrasingIntents: number[] = [];
    const stemUses = new Map<string, Map<number, number>>();

    const phrasingTerms = intents.map((intent) => intent.phrasings.map((text) => this.meaningfulWords(text)));
    for (const terms of phrasingTerms.flat()) terms.forEach((w) => this.knownWords.add(w));
    // Both spellings are one stem: "Praemienrechnung" in a phrasing or a question is "Prämienrechnung".
    for (const word of this.knownWords) {
      for (const spelling of this.spellings(word)) this.spellingStems.set(stem(spelling, lang), stem(word, lang));
    }
    phrasingTerms.forEach((phrasings, intentIndex) => {
      for (const terms of phrasings) {
        for (const s of new Set(terms.map((w) => this.stemOf(w)))) {
          const uses = stemUses.get(s) ?? new Map<number, number>();
          uses.set(intentIndex, (uses.get(intentIndex) ?? 0) + 1);
          stemUses.set(s, uses);
        }
        phrasingGrams.push(countTerms(charNgrams(terms.map((w) => foldText(w, lang)))));
        phrasingIntents.push(intentIndex);
      }
    });
    this.grams = new GramIndex(phrasingGrams, Int32Array.from(phrasingIntents), intents.length);

    const intentCount = Math.max(1, intents.length);
    for (const [s, uses] of stemUses) {
      this.stemPostings.set(s, { intents: Int32Array.from(uses.keys()), uses: Int32Array.from(uses.values()) });
      this.stemIdf.set(s, idf(intentCount, uses.size));
      this.stemHeads.add(s.slice(0, STEM_HEAD_LENGTH));
    }
    this.maxStemIdf = idf(intentCount, 0.5);
    for (const other of this.spellingStems.keys()) this.stemHeads.add(other.slice(0, STEM_HEAD_LENGTH));
    this.vocabulary = new TypoCandidates([...this.knownWords], TYPO_MAX_DISTANCE);
  }

  /** Scores every intent the query shares anything with, scanning all of them; best first. */
  rank(text: string): Candidate[] {
    const query = this.query(text, (word) => this.vocabulary.closestByScan(word));
    return query ? this.scoreAll(query).sort(byScore) : [];
  }

  /** One of the three outcomes for a user's question. */
  matchQuestion(text: string): MatchOutcome {
    return this.decide(this.best(text, MAX_CANDIDATES));
  }

  /** decide() with this matcher's thresholds and its intents' follow-ups. */
  decide(ranking: readonly Candidate[]): MatchOutcome {
    return decide(ranking, this.thresholds, (best, next) => this.followUpPairs.has(`${best} ${next}`));
  }

  /**
   * The first `count` of rank(), scoring only intents that can be among them: each intent's score has an
   * upper bound from the candidate index (GramIndex.upperBounds) and its exact coverage; intents are scored
   * best bound first, and the rest are left once their bound is below the count-th score found.
   */
  best(text: string, count: number): Candidate[] {
    const query = this.query(text, (word) => this.vocabulary.closest(word));
    if (!query) return [];
    const { vector, coverage } = query;
    // An intent's bound, or -1 when the query shares nothing with it (rank() leaves it out).
    const bounds = this.grams.upperBounds(vector);
    for (let i = 0; i < bounds.length; i++) {
      bounds[i] = bounds[i] > 0 || coverage[i] > 0 ? this.combine(Math.min(1, bounds[i]), coverage[i]) : -1;
    }
    const top: Candidate[] = [];
    const scoreIntent = (i: number) =>
      keepBest(top, { id: this.intentIds[i], score: this.combine(this.grams.bestCosine(vector, i), coverage[i]) }, count);
    const bar = () => (top.length < count ? 0 : top[count - 1].score - BOUND_SLACK);
    const seeds = largest(bounds, SEED_FACTOR * count);
    seeds.forEach(scoreIntent);
    const rest: number[] = [];
    for (let i = 0; i < bounds.length; i++) if (bounds[i] >= bar() && !seeds.includes(i)) rest.push(i);
    rest.sort((a, b) => bounds[b] - bounds[a]);
    for (const i of rest) {
      if (bounds[i] < bar()) break;
      scoreIntent(i);
    }
    return top;
  }

  private combine(ngram: number, coverage: number): number {
    return this.scoring.ngramWeight * ngram + (1 - this.scoring.ngramWeight) * coverage;
  }

  /** The query's n-gram vector and coverage, after typo correction; undefined when no word carries meaning. */
  private query(
    text: string,
    closest: (word: string) => ClosestWord | undefined,
  ): { vector: QueryVector; coverage: Float64Array } | undefined {
    const terms = this.meaningfulWords(text).flatMap((w) => {
      const parts = this.isKnown(w) ? undefined : this.compoundParts(w);
      return parts ? parts.map((word) => ({ word, weight: 1 })) : [this.correctTypo(w, closest)];
    });
    if (terms.length === 0) return undefined;
    const vector = this.grams.vector(countTerms(charNgrams(terms.map((t) => foldText(t.word, this.lang)))));
    return { vector, coverage: this.coverage(terms) };
  }

  /**
   * The words that carry meaning as written, each in the FAQ's own wording. Words with digits are
   * identifiers, years or amounts: they say nothing about the intent.
   */
  private meaningfulWords(text: string): string[] {
    const meaningful: string[] = [];
    for (const word of writtenWords(text, this.lang)) {
      const folded = foldText(word, this.lang);
      const synonym = this.synonyms.get(folded);
      if (synonym !== undefined) meaningful.push(synonym);
      else if (!isStopWord(this.lang, folded) && !/\d/.test(word)) meaningful.push(word);
    }
    return meaningful;
  }

  private scoreAll(query: { vector: QueryVector; coverage: Float64Array }): Candidate[] {
    const ngram = this.grams.bestCosines(query.vector);
    const scored: Candidate[] = [];
    for (let i = 0; i < this.intentIds.length; i++) {
      if (ngram[i] === 0 && query.coverage[i] === 0) continue;
      scored.push({ id: this.intentIds[i], score: this.combine(ngram[i], query.coverage[i]) });
    }
    return scored;
  }

  private stemOf(word: string): string {
    const known = this.knownStems.get(word);
    if (known !== undefined) return known;
    const own = stem(word, this.lang);
    const stemmed = this.spellingStems.get(own) ?? own;
    if (this.knownWords.has(word)) this.knownStems.set(word, stemmed);
    return stemmed;
  }

  /** A word the FAQ uses, as written or inflected otherwise. */
  private isKnown(word: string): boolean {
    if (this.knownWords.has(word)) return true;
    // A Snowball stem begins like its word, so a word whose beginning begins no known stem is no inflection of one
    // (this spares the stemmer most of the substrings tried as compound parts).
    const head = foldMarks(word.slice(0, STEM_HEAD_LENGTH));
    const mayBeInflected = this.stemHeads.has(head) || this.stemHeads.has(head.slice(0, 2));
    return mayBeInflected && this.stemPostings.has(this.stemOf(word));
  }

  /**
   * An unknown word made of two known words ("zusatzcode" → "zusatz", "code"; "jahresvertrag" → "jahre",
   * "vertrag"), the longest first part first; undefined when it is not such a compound. Users join words
   * the FAQ writes apart.
   */
  private compoundParts(word: string): string[] | undefined {
    if (word.length > COMPOUND_MAX_LENGTH) return undefined;
    for (let end = word.length - COMPOUND_PART_MIN_LENGTH; end >= COMPOUND_PART_MIN_LENGTH; end--) {
      const tail = word.slice(end);
      if (!this.isKnownPart(tail)) continue;
      const head = word.slice(0, end);
      for (const link of LINKING_LETTERS) {
        const part = head.endsWith(link) ? head.slice(0, head.length - link.length) : '';
        if (part.length >= COMPOUND_PART_MIN_LENGTH && this.isKnownPart(part)) return [part, tail];
      }
    }
    return undefined;
  }

  private isKnownPart(word: string): boolean {
    return !isStopWord(this.lang, foldText(word, this.lang)) && this.isKnown(word);
  }

  /** A word the index does not know becomes the closest known word, weighted by how close it is. */
  private correctTypo(
    word: string,
    closest: (word: string) => ClosestWord | undefined,
  ): { word: string; weight: number } {
    if (word.length < TYPO_MIN_LENGTH || this.isKnown(word)) return { word, weight: 1 };
    const best = closest(word);
    // Typos rarely hit the first letter; "wetter" is not a typo of "zweiter".
    if (!best || best.item[0] !== word[0] || Math.abs(best.item.length - word.length) > 2) {
      return { word, weight: 1 };
    }
    return { word: best.item, weight: 1 - 2 * best.score };
  }

  /** Share of the query's information (idf) that each intent's vocabulary covers. */
  private coverage(terms: Array<{ word: string; weight: number }>): Float64Array {
    const stems = new Map<string, number>();
    for (const t of terms) {
      const s = this.stemOf(t.word);
      stems.set(s, Math.max(stems.get(s) ?? 0, t.weight));
    }
    const covered = new Float64Array(this.intentIds.length);
    let total = 0;
    for (const [s, weight] of stems) {
      const information = this.stemIdf.get(s) ?? this.maxStemIdf;
      total += information;
      const postings = this.stemPostings.get(s);
      if (!postings) continue;
      for (let k = 0; k < postings.intents.length; k++) {
        const usage = 1 - (1 - this.scoring.singleUseWeight) * 0.5 ** (postings.uses[k] - 1);
        covered[postings.intents[k]] += information * weight * usage;
      }
    }
    for (let i = 0; i < covered.length; i++) covered[i] /= total;
    return covered;
  }
}

/**
 * Applies the thresholds to a ranking: a confident answer, "did you mean" candidates, or the fallback.
 * `isFollowUp(best, next)` tells whether the answer to `best` offers `next`: then a smaller lead will do.
 */
export function decide(
  ranking: readonly Candidate[],
  thresholds: Thresholds,
  isFollowUp: (best: string, next: string) => boolean = () => false,
): MatchOutcome {
  const [best, second] = ranking;
  const candidates = ranking.slice(0, MAX_CANDIDATES);
  if (!best || best.score < thresholds.ambiguous) return { kind: 'fallback', candidates };
  const margin = second && isFollowUp(best.id, second.id) ? Math.min(thresholds.margin, FOLLOW_UP_MARGIN) : thresholds.margin;
  if (best.score >= thresholds.answer && best.score - (second?.score ?? 0) >= margin) {
    return { kind: 'answer', id: best.id, score: best.score, candidates };
  }
  const close = candidates.filter((c) => c.score >= thresholds.ambiguous && best.score - c.score <= CANDIDATE_SPREAD);
  return { kind: 'ambiguous', candidates: close };
}
