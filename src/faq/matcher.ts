import { GramIndex, StemPhrasings, TypoCandidates, type ClosestWord, type QueryVector } from './candidateIndex';
import { isLanguage, type Language } from '../language';
import { languageModule } from '../languages';
import { clauses, foldMarks, foldText, isNegation, isStopWord, NEGATION, stem, writtenWords } from './normalize';
import { allowedEdits, editDistance } from './editDistance';
import { charNgrams, countTerms, idf } from './ngrams';
import { IntentClassifier } from './intentClassifier';

/** Something the user may mean, with the ways of saying it in one language. */
export interface Intent {
  id: string;
  phrasings: readonly string[];
  /** Intents the answer to this one offers next (as buttons). */
  followUps?: readonly string[];
  /** A question near the others that the bot does not answer: when it wins, the outcome is the fallback. */
  outOfScope?: boolean;
}

export interface Thresholds {
  /** Least score of a confident answer. */
  answer: number;
  /** Least lead of a confident answer over the next intent, at the answer threshold (less above it). */
  margin: number;
  /** Least score to be offered as "did you mean". */
  ambiguous: number;
  /**
   * Least sureness of a confident answer when the classifier, a second scorer that reads the question
   * otherwise, ranks the same intent first (see Matcher.agrees); the lead it needs is then AGREED_MARGIN_SHARE
   * of the margin. Two scorers that agree are wrong less often than one. Unset: the answer threshold.
   */
  agreedAnswer?: number;
}

/** For a language without calibrated thresholds. */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, margin: 0.1, ambiguous: 0.3 };

/**
 * Calibrated per language on test/devset.jsonl and the "tune" half of test/blindDevset.jsonl (docs/matcher.md):
 * the most right answers with few wrong ones, and out-of-scope rows kept 0.05 below the answer threshold
 * or 0.03 below the margin, so that neighbours a little closer than the dev sets' are still rejected.
 */
export const CALIBRATED_THRESHOLDS: Readonly<Record<Language, Thresholds>> = {
  de: { answer: 0.43, margin: 0.22, ambiguous: 0.3, agreedAnswer: 0.28 },
  fr: { answer: 0.52, margin: 0.26, ambiguous: 0.3, agreedAnswer: 0.4 },
  it: { answer: 0.52, margin: 0.26, ambiguous: 0.3, agreedAnswer: 0.37 },
};

/**
 * The thresholds of a language: calibrated ones, with what the configuration overrides. A configured
 * answer threshold holds whether or not the two scorers agree.
 */
export function thresholdsFor(lang: string, overrides: Partial<Thresholds> = {}): Thresholds {
  const calibrated = isLanguage(lang) ? CALIBRATED_THRESHOLDS[lang] : DEFAULT_THRESHOLDS;
  const agreedAnswer = overrides.agreedAnswer ?? overrides.answer ?? calibrated.agreedAnswer ?? calibrated.answer;
  return { ...calibrated, ...overrides, agreedAnswer };
}

/**
 * The least lead of a confident answer over the next intent when that one is among the answer's follow-ups:
 * the answer then offers it as a button, so a close call between the two costs the user one click.
 */
export const FOLLOW_UP_MARGIN = 0.02;

/** The classifier agrees with the lexical best when it ranks it first too, with at least this probability. */
const AGREEMENT_PROBABILITY = 0.6;
/**
 * The classifier decides between close entries when it is this sure of one: on the five dev sets its first
 * entry at 0.85 or more was right for 1,467 of 1,469 in-scope questions, where the lexical score, which weighs a
 * word by its rarity and not by how well it tells two entries apart, confuses register / log in or SMS /
 * Authenticator. See tiesByClassifier and Agreement.
 */
const DECIDING_PROBABILITY = 0.85;
/**
 * Only for questions of at least this many words that carry meaning: two words ("Hilfe, was mache ich?") are too
 * few to tell two close entries apart, however sure the classifier is of the one that uses them most.
 */
const DECIDING_MIN_STEMS = 3;
/** Lexical scores this close are a tie, which the classifier breaks when it is at least this sure (tiesByClassifier). */
const TIE = 0.05;
const TIE_PROBABILITY = 0.5;
/** The share of the margin an answer both scorers agree on needs (see Thresholds.agreedAnswer). */
const AGREED_MARGIN_SHARE = 0.5;
/**
 * The classifier leans to the lexical best when it ranks it first, less sure than to agree: Italian questions
 * of few known words often get 0.3–0.5 there. Then the answer needs the agreed sureness and this share of the margin.
 */
const LEANING_PROBABILITY = 0.3;
const LEANING_MARGIN_SHARE = 0.75;

/**
 * How far the classifier, a second scorer, backs the lexical best (it ranks it first with at least
 * LEANING_PROBABILITY, AGREEMENT_PROBABILITY or DECIDING_PROBABILITY). The more it backs it, the less lead over
 * the second the answer needs; backed at all, it needs only Thresholds.agreedAnswer.
 */
export type Agreement = 'none' | 'leans' | 'agrees' | 'decides';
/** The share of the margin an answer needs, by agreement: a deciding classifier has told the close ones apart. */
const MARGIN_SHARE: Readonly<Record<Agreement, number>> = {
  none: 1,
  leans: LEANING_MARGIN_SHARE,
  agrees: AGREED_MARGIN_SHARE,
  decides: 0,
};

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
  /**
   * Weight, within the word score, of the best phrasing seen both ways (how much of the question it
   * covers and how much of it the question covers) against the coverage by the intent's whole vocabulary.
   */
  phrasingWeight: number;
  /** How much, in the best phrasing's score, its own coverage by the question counts (geometric weight). */
  phrasingBalance: number;
}

export const DEFAULT_SCORING: Scoring = { ngramWeight: 0.3, singleUseWeight: 0.6, phrasingWeight: 0.3, phrasingBalance: 0.5 };
/** A word the index does not know is replaced by the closest known word only this close (fuse.js score). */
const TYPO_MAX_DISTANCE = 0.25;
const TYPO_MIN_LENGTH = 4;
/** What each edit of a corrected typo takes off its word's weight: a corrected word counts less than an exact one. */
const TYPO_EDIT_COST = 0.2;
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

/** Above this many intents no classifier is trained (its training time grows with intents × phrasings). */
const CLASSIFIER_MAX_INTENTS = 300;

/** How many phrasings, at most, are asked to measure each intent's background score (spread over all). */
const BACKGROUND_SAMPLE = 500;

/** A phrasing that measures the other intents' floors, as its query (undefined: no word carries meaning). */
interface BackgroundSample {
  owner: number;
  query?: { vector: QueryVector; stems: ReadonlyMap<string, number>; negated: ReadonlySet<string> };
}

/** Where `value` stands in an ascending array, or -1. */
function ascendingIndexOf(values: Int32Array, value: number): number {
  let [low, high] = [0, values.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else if (values[middle] > value) high = middle - 1;
    else return middle;
  }
  return -1;
}

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

/**
 * How much less a word counts for an intent that uses it with the other polarity: "Brief erhalten" is not
 * "Brief nicht erhalten", though both have "Brief" and "erhalten".
 */
const POLARITY_WEIGHT = 0.6;
/**
 * How much less a negated phrasing's n-gram likeness counts for a question without negation: "le courrier
 * avec mon code est arrivé" has nearly every letter of "le courrier avec mon code n'est jamais arrivé".
 */
const NEGATED_PHRASING_DISCOUNT = 0.3;

/** Per word of a clause: whether a negation before it denies it (a negation denies the rest of its clause). */
function inNegationScope(words: readonly string[]): boolean[] {
  let denied = false;
  return words.map((w) => {
    if (w !== NEGATION) return denied;
    denied = true;
    return false;
  });
}

/**
 * A hyphenated word is its parts (of two letters or more) and the one word they make: phrasings and users
 * write it either way. A question's verb with its subject after it ("a-t-il", "faut-il", "est-ce") is its parts
 * only: "atil" is no word, and as an unknown one it would weigh more than any word the question means.
 */
function hyphenated(word: string, lang: string): string[] {
  if (!word.includes('-')) return [word];
  const parts = word.split('-');
  if (languageModule(lang).invertedSubjects?.includes(foldText(parts.at(-1)!, lang))) return parts;
  // A letter alone ("e" of "e-mail", "E-Rechnung") is no word: only the joined word has it.
  return [...parts.filter((part) => part.length > 1), parts.join('')];
}

/**
 * A question's stems as the word score reads them (see Matcher.wordScore). Its arrays are the matcher's,
 * reused by the next question: matching is synchronous.
 */
interface WordQuery {
  /** The information (idf) of all the question's stems, and that raised to 1 − Scoring.phrasingBalance. */
  total: number;
  totalPart: number;
  /** The information of a negation when the question has none: intents of negated phrasings lack it (polarity). */
  lacking: number;
  /** Per intent: the information its vocabulary covers, each stem weighed by its usage (Scoring.singleUseWeight). */
  covered: Float64Array;
  /** Per intent: the information of the question's stems that its phrasings use (no phrasing holds more). */
  reach: Float64Array;
  /** The ids of the question's known stems (StemPostings.id), in the question's order, and the information each brings. */
  stems: Int32Array;
  gains: Float64Array;
}

/**
 * The closest known word to a word by fuse.js; `near` tells which known words the caller would take, and
 * when none of those can be the closest the answer may be undefined.
 */
type FindClosest = (word: string, near: (known: string) => boolean) => ClosestWord | undefined;

/** A question as the matcher scores it. */
interface Query {
  vector: QueryVector;
  words: WordQuery;
  stems: ReadonlyMap<string, number>;
  /** Its stems in the scope of a negation (see inNegationScope). */
  negated: ReadonlySet<string>;
  /** The folded character n-grams of its words. */
  grams: ReadonlyMap<string, number>;
  /** The classifier's probability per intent, once asked for (see Matcher.classified). */
  classified?: Float64Array;
}

/** Two intents this close are a close call; the most a close call's decisive words add to a score. */
const CLOSE_CALL = 0.1;
const DECISIVE_WEIGHT = 0.1;

/** For each stem: its id, the intents whose phrasings use it and how much it counts for each. */
interface StemPostings {
  id: number;
  intents: Int32Array;
  /** Per intent: how much the stem counts for it (see Scoring.singleUseWeight). */
  usage: Float64Array;
  /** Per intent: the share of its phrasings using the stem that use it in a negation's scope ("nicht erhalten"). */
  negated: Float64Array;
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
  private readonly intentIndex = new Map<string, number>();
  /** "a b" for each intent a that offers b as a follow-up. */
  private readonly followUpPairs = new Set<string>();
  private readonly outOfScope: ReadonlySet<string>;
  private readonly grams: GramIndex;
  private readonly stemPostings = new Map<string, StemPostings>();
  private readonly stemIdf = new Map<string, number>();
  private readonly maxStemIdf: number;
  private readonly knownWords = new Set<string>();
  /** The first letters of every known stem: most unknown words start none and need no stemming. */
  private readonly stemHeads = new Set<string>();
  /** Stems of the known words: stemming is the slowest step, and the FAQ and its users repeat their words. */
  private readonly knownStems = new Map<string, string>();
  private readonly knownFolds = new Map<string, string>();
  /** Stems of other spellings of known words ("praemi" of "Praemie") → the stem the phrasings use ("prami"). */
  private readonly spellingStems = new Map<string, string>();
  private readonly vocabulary: TypoCandidates;
  private readonly particles: readonly string[];
  private readonly negationStem: string;
  /** Per phrasing: what its n-gram cosine with a question without negation counts (see NEGATED_PHRASING_DISCOUNT). */
  private readonly affirmativeDiscounts: Float64Array;
  /** Per intent: the share of its phrasings that hold a negation ("code not received"). */
  private readonly negatedShare: Float64Array;
  /** The phrasings each intent's floor is measured on (see floorOf). */
  private readonly background: BackgroundSample[];
  /** A second opinion on the lexical ranking; only for FAQs small enough to train it quickly. */
  private readonly classifier: IntentClassifier | undefined;
  /** Per intent: the score it reaches on other intents' questions, NaN until asked for (see floorOf). */
  private readonly floors: Float64Array;
  /** Per phrasing: the information of its distinct stems, raised to Scoring.phrasingBalance. */
  private readonly phrasingInformationPart: Float64Array;
  /** Per intent: the least phrasingInformationPart of its phrasings that have a stem. */
  private readonly intentLeastInformationPart: Float64Array;
  /** Which phrasings of each intent use each of its stems. */
  private readonly stemPhrasings: StemPhrasings;
  /** The phrasings of intent i are [intentPhrasingStart[i], intentPhrasingStart[i + 1]). */
  private readonly intentPhrasingStart: Int32Array;
  /** WordQuery's per-intent arrays, reused. */
  private readonly covered: Float64Array;
  private readonly reach: Float64Array;
  /** Per intent: the most its score can be in bestOf (-1: scored or nothing in common), reused. */
  private readonly bounds: Float64Array;

  constructor(
    intents: readonly Intent[],
    /** One of the bot's languages; any other code gets a matcher that compares words as written. */
    readonly lang: string,
    readonly thresholds: Thresholds = thresholdsFor(lang),
    private readonly scoring: Scoring = DEFAULT_SCORING,
    /** Words users write (folded) → the word the phrasings use for them. */
    private readonly synonyms: ReadonlyMap<string, string> = new Map(),
    /** Real words of the language (folded) beyond the phrasings', e.g. the answers': never corrected as typos. */
    private readonly lexicon: ReadonlySet<string> = new Set(),
  ) {
    this.intentIds = intents.map((i) => i.id);
    this.intentIds.forEach((id, i) => this.intentIndex.set(id, i));
    const { spellings, particles } = languageModule(lang);
    this.particles = particles;
    for (const intent of intents) for (const next of intent.followUps ?? []) this.followUpPairs.add(`${intent.id} ${next}`);
    this.outOfScope = new Set(intents.filter((i) => i.outOfScope).map((i) => i.id));
    const phrasingIntents: number[] = [];
    const stemUses = new Map<string, Map<number, number>>();

    const phrasingWords = intents.map((intent) => intent.phrasings.map((text) => this.scopedWords(text)));
    const phrasingTerms = phrasingWords.map((phrasings) => phrasings.map((p) => p.words));
    for (const terms of phrasingTerms.flat()) terms.forEach((w) => this.knownWords.add(w));
    // Both spellings are one stem: "Praemienrechnung" in a phrasing or a question is "Prämienrechnung".
    for (const word of this.knownWords) {
      for (const spelling of spellings(word)) this.spellingStems.set(stem(spelling, lang), stem(word, lang));
    }
    const phrasingStems: string[][] = [];
    const negatedUses = new Map<string, Map<number, number>>();
    phrasingWords.forEach((phrasings, intentIndex) => {
      for (const { words: terms, negated: scope } of phrasings) {
        const stems = [...new Set(terms.map((w) => this.stemOf(w)))];
        for (const s of new Set(terms.filter((_, k) => scope[k]).map((w) => this.stemOf(w)))) {
          const uses = negatedUses.get(s) ?? new Map<number, number>();
          uses.set(intentIndex, (uses.get(intentIndex) ?? 0) + 1);
          negatedUses.set(s, uses);
        }
        for (const s of stems) {
          const uses = stemUses.get(s) ?? new Map<number, number>();
          uses.set(intentIndex, (uses.get(intentIndex) ?? 0) + 1);
          stemUses.set(s, uses);
        }
        phrasingStems.push(stems);
        phrasingIntents.push(intentIndex);
      }
    });
    // Each phrasing's n-gram counts are made when the index reads them: kept for all, they were most of the heap.
    const phrasingGrams = (function* () {
      for (const terms of phrasingTerms.flat()) yield countTerms(charNgrams(terms.map((w) => foldText(w, lang))));
    })();
    this.grams = new GramIndex(phrasingGrams, Int32Array.from(phrasingIntents), intents.length);
    this.negationStem = this.stemOf(NEGATION);
    this.affirmativeDiscounts = Float64Array.from(phrasingStems, (stems) =>
      stems.includes(this.negationStem) ? 1 - NEGATED_PHRASING_DISCOUNT : 1,
    );

    const intentCount = Math.max(1, intents.length);
    for (const [s, uses] of stemUses) {
      this.stemPostings.set(s, {
        id: this.stemPostings.size,
        intents: Int32Array.from(uses.keys()),
        usage: Float64Array.from(uses.values(), (n) => 1 - (1 - scoring.singleUseWeight) * 0.5 ** (n - 1)),
        negated: Float64Array.from(uses.entries(), ([intent, n]) => (negatedUses.get(s)?.get(intent) ?? 0) / n),
      });
      this.stemIdf.set(s, idf(intentCount, uses.size));
      this.stemHeads.add(s.slice(0, STEM_HEAD_LENGTH));
    }
    this.maxStemIdf = idf(intentCount, 0.5);
    this.phrasingInformationPart = Float64Array.from(
      phrasingStems,
      (stems) => stems.reduce((sum, s) => sum + this.stemIdf.get(s)!, 0) ** scoring.phrasingBalance,
    );
    this.intentPhrasingStart = new Int32Array(intents.length + 1);
    intents.forEach((intent, i) => (this.intentPhrasingStart[i + 1] = this.intentPhrasingStart[i] + intent.phrasings.length));
    this.stemPhrasings = new StemPhrasings(
      phrasingStems.map((stems) => stems.map((s) => this.stemPostings.get(s)!.id)),
      this.intentPhrasingStart,
    );
    this.intentLeastInformationPart = Float64Array.from(intents, (_, i) => {
      let least = Infinity;
      for (let p = this.intentPhrasingStart[i]; p < this.intentPhrasingStart[i + 1]; p++) {
        if (this.phrasingInformationPart[p] > 0) least = Math.min(least, this.phrasingInformationPart[p]);
      }
      return least;
    });
    this.covered = new Float64Array(intents.length);
    this.reach = new Float64Array(intents.length);
    this.bounds = new Float64Array(intents.length);
    for (const other of this.spellingStems.keys()) this.stemHeads.add(other.slice(0, STEM_HEAD_LENGTH));
    this.vocabulary = new TypoCandidates([...this.knownWords], TYPO_MAX_DISTANCE);
    this.negatedShare = Float64Array.from(intents, (_, i) => {
      let negated = 0;
      for (const stems of phrasingStems.slice(this.intentPhrasingStart[i], this.intentPhrasingStart[i + 1])) {
        if (stems.includes(this.negationStem)) negated++;
      }
      return negated / Math.max(1, intents[i].phrasings.length);
    });
    this.background = this.backgroundSample(intents.flatMap((i) => i.phrasings), phrasingIntents);
    this.floors = new Float64Array(intents.length).fill(NaN);
    this.classifier = intents.length <= CLASSIFIER_MAX_INTENTS ? this.trainClassifier(intents) : undefined;
  }

  /** Every phrasing, or BACKGROUND_SAMPLE spread over all, as queries. */
  private backgroundSample(phrasings: readonly string[], owners: readonly number[]): BackgroundSample[] {
    const sample: BackgroundSample[] = [];
    const step = Math.max(1, Math.ceil(phrasings.length / BACKGROUND_SAMPLE));
    for (let p = 0; p < phrasings.length; p += step) {
      const query = this.query(phrasings[p], (word, near) => this.vocabulary.closest(word, near));
      sample.push({ owner: owners[p], query: query && { vector: query.vector, stems: query.stems, negated: query.negated } });
    }
    return sample;
  }

  /** The classifier learns each intent's phrasings, read as the matcher reads questions. */
  private trainClassifier(intents: readonly Intent[]): IntentClassifier {
    const examples = intents.flatMap((intent, label) =>
      intent.phrasings.flatMap((text) => {
        const query = this.query(text, (word, near) => this.vocabulary.closest(word, near));
        return query ? [{ features: this.features(query), label }] : [];
      }),
    );
    return new IntentClassifier(examples, intents.length);
  }

  /** What the classifier reads of a question: its stems, pairs of neighbouring stems, character n-grams. */
  private features(query: Query): string[] {
    const stems = [...query.stems.keys()];
    return [
      // "erhalten" after "nicht" is another feature than "erhalten": polarity counts (defect 5).
      ...stems.map((s) => `${query.negated.has(s) ? 'n' : 'w'} ${s}`),
      ...stems.slice(1).map((s, k) => `b ${stems[k]} ${s}`),
      // Of the stems, not the words: other spellings of a word ("Praemie") have its stem, not its n-grams.
      ...[...new Set(charNgrams(stems))].map((g) => `g ${g}`),
    ];
  }


  /**
   * The mean score an intent reaches on the other intents' phrasings of the background sample: an intent with
   * many phrasings or common words scores something on every question, and only what a score adds to that
   * says the question is for it. Measured when first asked for: scoring every intent on the whole sample at
   * start-up took most of a minute with 5,000 entries, and a question needs the floor of its best intent only.
   */
  private floor(intent: number): number {
    if (!Number.isNaN(this.floors[intent])) return this.floors[intent];
    let sum = 0;
    let asked = 0;
    for (const { owner, query } of this.background) {
      if (owner === intent) continue;
      asked++;
      if (!query) continue;
      const ngram = this.grams.bestCosine(query.vector, intent);
      const words = this.wordQuery(query.stems, query.negated, intent);
      // An intent that has none of the query's stems has no phrasing that matches any: its word score is 0.
      sum += this.combine(ngram, words.covered[intent] === 0 ? 0 : this.wordScore(words, intent));
    }
    this.floors[intent] = asked === 0 ? 0 : sum / asked;
    return this.floors[intent];
  }

  /** Scores every intent the query shares anything with, scanning all of them; best first. */
  rank(text: string): Candidate[] {
    const query = this.query(text, (word) => this.vocabulary.closestByScan(word));
    return query ? this.ordered(this.scoreAll(query).sort(byScore), query) : [];
  }

  /** One of the three outcomes for a user's question. */
  matchQuestion(text: string): MatchOutcome {
    const query = this.queryOf(text);
    return this.outcome(text, query ? this.rankingOf(query) : [], query);
  }

  /**
   * The outcome of a question's ranking (by best() or rank()). Two questions in one: when the whole is not
   * answered but one clause alone is, with the whole's best, that clause decides.
   */
  outcome(text: string, ranking: readonly Candidate[], query = this.queryOf(text)): MatchOutcome {
    const lexical = query ? this.decide(ranking, this.agreement(query, ranking[0]?.id)) : this.decide(ranking);
    const decided = query ? this.onNeighbour(lexical, ranking, query) : lexical;
    const whole = this.onContradiction(this.onOneWord(decided, query), query);
    const best = ranking[0];
    // A close call on the whole question stays one: a clause without the rest's words is no surer which is meant;
    // so does a question the classifier holds for a neighbour (no clause tells which app is meant).
    const close = ranking[1] !== undefined && best !== undefined && best.score - ranking[1].score < CLOSE_CALL;
    const doubted = decided !== lexical;
    if (whole.kind === 'answer' || !best || close || doubted || !this.decidedByOneClause(text, best.id)) return whole;
    const candidates = ranking.slice(0, MAX_CANDIDATES).filter((c) => !this.outOfScope.has(c.id));
    return { kind: 'answer', id: best.id, score: best.score, candidates };
  }

  /**
   * One word ("Code", "login", "fattura") says nothing about which of the entries that use it is meant: when
   * another entry would be offered beside the answer, the user chooses.
   */
  private onOneWord(outcome: MatchOutcome, query: Query | undefined): MatchOutcome {
    if (outcome.kind !== 'answer' || query?.stems.size !== 1) return outcome;
    const offered = outcome.candidates.filter((c) => c.score >= this.thresholds.ambiguous && outcome.score - c.score <= CANDIDATE_SPREAD);
    return offered.length > 1 ? { kind: 'ambiguous', candidates: offered } : outcome;
  }

  /**
   * A question without negation that affirms a word its answer only ever denies ("the letter arrived" for "the
   * letter never arrived"), with a close second that does not deny it, is a close call the user decides.
   */
  private onContradiction(outcome: MatchOutcome, query: Query | undefined): MatchOutcome {
    const second = outcome.candidates[1];
    if (outcome.kind !== 'answer' || !query || !second || query.stems.has(this.negationStem)) return outcome;
    if (outcome.score - second.score >= CLOSE_CALL) return outcome;
    const [best, other] = [this.intentIndex.get(outcome.id)!, this.intentIndex.get(second.id)!];
    for (const s of query.stems.keys()) {
      if (this.onlyDenies(best, s) && !this.onlyDenies(other, s)) {
        return { kind: 'ambiguous', candidates: outcome.candidates.filter((c) => c.score >= this.thresholds.ambiguous) };
      }
    }
    return outcome;
  }

  /** Whether an intent uses a stem, and only in the scope of a negation. */
  private onlyDenies(intent: number, s: string): boolean {
    const postings = this.stemPostings.get(s);
    const k = postings ? ascendingIndexOf(postings.intents, intent) : -1;
    return k >= 0 && postings!.negated[k] === 1;
  }

  /** Whether, of a text's clauses of two words or more, exactly one intent is answered, and it is `id`. */
  private decidedByOneClause(text: string, id: string): boolean {
    const parts = clauses(text).filter((c) => writtenWords(c, this.lang).length >= 2);
    if (parts.length < 2) return false;
    let answered = false;
    for (const part of parts) {
      const query = this.queryOf(part);
      if (!query) continue;
      const ranking = this.rankingOf(query);
      const outcome = this.onOneWord(this.decideOn(ranking, query), query);
      // Another intent answered: not `id` alone, whatever the other clauses say.
      if (outcome.kind === 'answer' && outcome.id !== id) return false;
      if (outcome.kind === 'answer') answered = true;
    }
    return answered;
  }

  private queryOf(text: string): Query | undefined {
    return this.query(text, (word, near) => this.vocabulary.closest(word, near));
  }

  private rankingOf(query: Query): Candidate[] {
    return this.ordered(this.bestOf(query, MAX_CANDIDATES), query);
  }

  /** Whether the classifier, on its own, ranks an intent first for a question, with probability enough. */
  agrees(text: string, best: string | undefined): boolean {
    const query = this.queryOf(text);
    return query !== undefined && this.agreesOn(query, best);
  }

  private agreesOn(query: Query, best: string | undefined, probability = AGREEMENT_PROBABILITY): boolean {
    const p = this.classified(query);
    if (!p || best === undefined) return false;
    const i = this.intentIndex.get(best)!;
    return p[i] >= probability && p.every((other) => other <= p[i]);
  }

  /** decide() with what the classifier says of the ranking's best. */
  private decideOn(ranking: readonly Candidate[], query: Query): MatchOutcome {
    return this.onNeighbour(this.decide(ranking, this.agreement(query, ranking[0]?.id)), ranking, query);
  }

  /**
   * A question the classifier holds for an out-of-scope neighbour that the lexical score ranks among the
   * candidates ("where do I download the app?": the portal's own app, or the Authenticator?) is not answered
   * with an entry: the user chooses among the entries offered.
   */
  private onNeighbour(outcome: MatchOutcome, ranking: readonly Candidate[], query: Query): MatchOutcome {
    const p = outcome.kind === 'answer' ? this.classified(query) : undefined;
    if (outcome.kind !== 'answer' || !p) return outcome;
    let top = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[top]) top = c;
    const neighbour = this.intentIds[top];
    const near = (c: Candidate) => outcome.score - c.score <= CANDIDATE_SPREAD;
    if (!this.outOfScope.has(neighbour) || !ranking.some((c) => c.id === neighbour && near(c))) return outcome;
    return { kind: 'ambiguous', candidates: outcome.candidates.filter((c) => c.score >= this.thresholds.ambiguous && near(c)) };
  }

  private agreement(query: Query, best: string | undefined): Agreement {
    if (this.decides(query) && this.agreesOn(query, best, DECIDING_PROBABILITY)) return 'decides';
    if (this.agreesOn(query, best)) return 'agrees';
    return this.agreesOn(query, best, LEANING_PROBABILITY) ? 'leans' : 'none';
  }

  private classified(query: Query): Float64Array | undefined {
    if (!this.classifier) return undefined;
    query.classified ??= this.classifier.probabilities(this.features(query));
    return query.classified;
  }

  /** The lexical ranking, its close calls decided on the words that differ, then its ties by the classifier. */
  private ordered(ranking: Candidate[], query: Query): Candidate[] {
    return this.tiesByClassifier(this.onDifferingWords(ranking, query.stems), query);
  }

  /**
   * Within TIE of the best, the lexical score cannot tell which entry is meant (register / log in share every
   * word but one); the classifier, which learnt the words that tell entries apart, puts its own first there if
   * it is fairly sure, and among all the candidates offered beside the best (CANDIDATE_SPREAD) if it is
   * DECIDING_PROBABILITY sure. The one put first keeps its own score and those it passes get it too: its
   * sureness is its own, and its lead over them none (only a deciding classifier answers it then).
   */
  private decides(query: Query): boolean {
    return query.stems.size >= DECIDING_MIN_STEMS;
  }

  private tiesByClassifier(ranking: Candidate[], query: Query): Candidate[] {
    const p = ranking.length > 1 ? this.classified(query) : undefined;
    if (!p) return ranking;
    const best = ranking[0].score;
    let chosen = 0;
    for (let k = 1; k < Math.min(ranking.length, MAX_CANDIDATES) && best - ranking[k].score <= CANDIDATE_SPREAD; k++) {
      const sure = p[this.intentIndex.get(ranking[k].id)!];
      const least = best - ranking[k].score <= TIE ? TIE_PROBABILITY : this.decides(query) ? DECIDING_PROBABILITY : Infinity;
      if (sure >= least && sure > p[this.intentIndex.get(ranking[chosen].id)!]) chosen = k;
    }
    if (chosen === 0) return ranking;
    // Among the candidates only (rank() and best() order their first MAX_CANDIDATES alike).
    const ids = [ranking[chosen].id, ...ranking.filter((_, k) => k !== chosen).map((c) => c.id)];
    const own = ranking[chosen].score;
    return ranking.map((c, k) => ({ id: ids[k], score: k <= chosen ? own : c.score }));
  }

  /** decide() with this matcher's thresholds and its intents' follow-ups. */
  decide(ranking: readonly Candidate[], agreement: Agreement = 'none'): MatchOutcome {
    const outcome = decide(
      ranking,
      this.thresholds,
      (best, next) => this.followUpPairs.has(`${best} ${next}`),
      (id) => this.floorOf(id),
      agreement,
    );
    if (this.outOfScope.size === 0) return outcome;
    // Out-of-scope intents compete (a close one takes the lead away) but are never offered.
    const candidates = outcome.candidates.filter((c) => !this.outOfScope.has(c.id));
    if (this.outOfScope.has(ranking[0]?.id ?? '') || (outcome.kind === 'ambiguous' && candidates.length === 0)) {
      return { kind: 'fallback', candidates };
    }
    return { ...outcome, candidates };
  }

  /** What an intent scores on other intents' questions: its answers must be sure above that (see decide). */
  floorOf(id: string): number {
    const i = this.intentIndex.get(id);
    return i === undefined ? 0 : this.floor(i);
  }

  /**
   * The first `count` of rank(), scoring only intents that can be among them: each intent's score has an
   * upper bound from the candidate index (GramIndex.upperBounds) and its exact coverage; intents are scored
   * best bound first, and the rest are left once their bound is below the count-th score found.
   */
  best(text: string, count: number): Candidate[] {
    const query = this.query(text, (word, near) => this.vocabulary.closest(word, near));
    return query ? this.ordered(this.bestOf(query, count), query) : [];
  }

  private bestOf(query: Query, count: number): Candidate[] {
    const { vector, words } = query;
    const ngramBounds = this.grams.upperBounds(vector);
    const { bounds } = this;
    // An intent's bound, or -1 when the query shares nothing with it (rank() leaves it out).
    for (let i = 0; i < bounds.length; i++) {
      bounds[i] =
        ngramBounds[i] > 0 || words.covered[i] > 0
          ? this.combine(Math.min(1, ngramBounds[i]), this.wordBound(words, i))
          : -1;
    }
    const top: Candidate[] = [];
    const bar = () => (top.length < count ? 0 : top[count - 1].score - BOUND_SLACK);
    // The word score is cheaper than the n-gram one, and with the n-gram bound it may already fall short.
    const scoreIntent = (i: number) => {
      bounds[i] = -1;
      const word = this.wordScore(words, i);
      if (this.combine(Math.min(1, ngramBounds[i]), word) < bar()) return;
      keepBest(top, { id: this.intentIds[i], score: this.combine(this.grams.bestCosine(vector, i), word) }, count);
    };
    largest(bounds, SEED_FACTOR * count).forEach(scoreIntent);
    const least = bar();
    const rest: number[] = [];
    for (let i = 0; i < bounds.length; i++) if (bounds[i] >= least) rest.push(i);
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
    closest: FindClosest,
  ): Query | undefined {
    const { words: meaningful, negated: scope } = this.scopedWords(text);
    const negated = new Set<string>();
    const terms = meaningful.flatMap((w, k) => {
      const parts = this.isKnown(w) ? undefined : this.compoundParts(w);
      const found = parts ? parts.map((word) => ({ word, weight: 1 })) : [this.correctTypo(w, closest)];
      if (scope[k]) for (const t of found) negated.add(this.stemOf(t.word));
      return found;
    });
    if (terms.length === 0) return undefined;
    const grams = countTerms(charNgrams(terms.map((t) => this.fold(t.word))));
    const stems = this.queryStems(terms);
    const discounts = stems.has(this.negationStem) ? undefined : this.affirmativeDiscounts;
    return { vector: this.grams.vector(grams, discounts), words: this.wordQuery(stems, negated), stems, negated, grams };
  }

  /** meaningfulWords, each marked whether a negation before it in its clause denies it. */
  private scopedWords(text: string): { words: string[]; negated: boolean[] } {
    const words: string[] = [];
    const negated: boolean[] = [];
    for (const clause of clauses(text)) {
      const meaningful = this.meaningfulWords(clause);
      words.push(...meaningful);
      negated.push(...inNegationScope(meaningful));
    }
    return { words, negated };
  }

  /**
   * The words that carry meaning as written, each in the FAQ's own wording, every negation as one word.
   * Words with digits are identifiers, years or amounts: they say nothing about the intent.
   */
  private meaningfulWords(text: string): string[] {
    const meaningful: string[] = [];
    for (const word of writtenWords(text, this.lang).flatMap((w) => hyphenated(w, this.lang))) {
      const folded = this.fold(word);
      const synonym = this.synonyms.get(folded);
      // Polarity counts: "code never arrived" is not "I have my code".
      if (isNegation(this.lang, synonym ?? folded)) meaningful.push(NEGATION);
      else if (synonym !== undefined) meaningful.push(synonym);
      else if (!isStopWord(this.lang, folded) && !/\d/.test(word)) meaningful.push(word);
    }
    return meaningful;
  }

  private scoreAll(query: Query): Candidate[] {
    const ngram = this.grams.bestCosines(query.vector);
    const scored: Candidate[] = [];
    for (let i = 0; i < this.intentIds.length; i++) {
      if (ngram[i] === 0 && query.words.covered[i] === 0) continue;
      scored.push({ id: this.intentIds[i], score: this.combine(ngram[i], this.wordScore(query.words, i)) });
    }
    return scored;
  }

  /** foldText of a word; the folds of the FAQ's own words are kept, as their stems are. */
  private fold(word: string): string {
    const known = this.knownFolds.get(word);
    if (known !== undefined) return known;
    const folded = foldText(word, this.lang);
    if (this.knownWords.has(word)) this.knownFolds.set(word, folded);
    return folded;
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
    return !isStopWord(this.lang, this.fold(word)) && this.isKnown(word);
  }

  /** A word the index does not know becomes the closest known word, weighted by how close it is. */
  private correctTypo(word: string, closest: FindClosest): { word: string; weight: number } {
    if (word.length < TYPO_MIN_LENGTH || this.isKnown(word) || this.lexicon.has(this.fold(word))) {
      return { word, weight: 1 };
    }
    // Typos rarely hit the first letter; "wetter" is not a typo of "zweiter". fuse.js finds words that
    // merely contain the typed one: the whole words must be within a few edits.
    const allowed = allowedEdits(word);
    if (!this.vocabulary.mayBeNear(word.length, allowed)) return { word, weight: 1 };
    const edits = (known: string) =>
      known[0] === word[0] && !this.changesParticle(word, known) ? editDistance(word, known, allowed) : Infinity;
    const best = closest(word, (known) => edits(known) <= allowed);
    if (!best || edits(best.item) > allowed) return { word, weight: 1 };
    return { word: best.item, weight: 1 - TYPO_EDIT_COST * edits(best.item) };
  }

  /** "abmelden" is no typo of "anmelden": a verb's particle decides its meaning (defect 1). */
  private changesParticle(word: string, correction: string): boolean {
    return this.particles.some((p) => word.startsWith(p) && !correction.startsWith(p));
  }

  /** The query's stems, each with the weight of its surest word (a corrected typo weighs less). */
  private queryStems(terms: Array<{ word: string; weight: number }>): Map<string, number> {
    const stems = new Map<string, number>();
    for (const t of terms) {
      const s = this.stemOf(t.word);
      stems.set(s, Math.max(stems.get(s) ?? 0, t.weight));
    }
    return stems;
  }

  /** Where an intent stands in a stem's postings, as a range of one, or an empty range. */
  private postingRange(postings: StemPostings, intent: number): [number, number] {
    const k = ascendingIndexOf(postings.intents, intent);
    return k < 0 ? [0, 0] : [k, k + 1];
  }

  /** Whether an intent's phrasings use a stem. */
  private uses(intent: number, s: string): boolean {
    const postings = this.stemPostings.get(s);
    return postings !== undefined && postings.intents.includes(intent);
  }

  /**
   * A close call between the two best intents is decided on the words that differ between them: each
   * gains, up to DECISIVE_WEIGHT, the share that it alone covers of the query's information either covers
   * (words neither knows say nothing about which of the two is meant).
   */
  private onDifferingWords(ranking: Candidate[], stems: ReadonlyMap<string, number>): Candidate[] {
    const [first, second] = ranking;
    if (!second || first.score - second.score >= CLOSE_CALL) return ranking;
    const [a, b] = [this.intentIndex.get(first.id)!, this.intentIndex.get(second.id)!];
    let onlyA = 0;
    let onlyB = 0;
    let total = 0;
    for (const [s, weight] of stems) {
      const information = (this.stemIdf.get(s) ?? this.maxStemIdf) * weight;
      const [inA, inB] = [this.uses(a, s), this.uses(b, s)];
      if (inA || inB) total += information;
      if (inA && !inB) onlyA += information;
      if (inB && !inA) onlyB += information;
    }
    if (total === 0) return ranking;
    const decided = [
      { id: first.id, score: Math.min(1, first.score + (DECISIVE_WEIGHT * onlyA) / total) },
      { id: second.id, score: Math.min(1, second.score + (DECISIVE_WEIGHT * onlyB) / total) },
      ...ranking.slice(2),
    ];
    return decided.sort(byScore);
  }

  /**
   * The word score of an intent: the share of the query's information (idf) that the intent's vocabulary
   * covers, mixed with its best phrasing seen both ways, so that the words of a phrasing the question
   * lacks count too (one rare shared word does not make "online discount" the basic-insurance discount).
   */
  private wordScore(query: WordQuery, intent: number): number {
    const mix = this.scoring.phrasingWeight;
    return (1 - mix) * this.coveredShare(query, intent) + mix * this.bestPhrasing(query, intent);
  }

  /**
   * The share of the query's information the intent's vocabulary covers. Polarity: a question without a
   * negation lacks a word that an intent of negated phrasings ("no code came") has.
   */
  private coveredShare(query: WordQuery, intent: number): number {
    return query.covered[intent] / (query.total + query.lacking * this.negatedShare[intent]);
  }

  /**
   * The most wordScore can be, without looking at phrasings: a phrasing holds at most the query information
   * `reach` that the intent holds, and at most its own information (stem weights are at most 1), so its
   * score is at most reach / (totalPart · information^b) and at most 1.
   */
  private wordBound(query: WordQuery, intent: number): number {
    const { covered, reach, totalPart } = query;
    if (covered[intent] === 0) return 0;
    const phrasingBound = Math.min(1, reach[intent] / (totalPart * this.intentLeastInformationPart[intent]));
    const mix = this.scoring.phrasingWeight;
    return (1 - mix) * this.coveredShare(query, intent) + mix * phrasingBound;
  }

  /** The best phrasing of an intent seen both ways: (matched / total)^(1 − b) · (matched / its information)^b. */
  private bestPhrasing(query: WordQuery, intent: number): number {
    const [first, end] = [this.intentPhrasingStart[intent], this.intentPhrasingStart[intent + 1]];
    // Summed in the query's order, so that equal questions give equal scores to the bit.
    const sums = this.stemPhrasings.matchedSums(query.stems, query.gains, intent, end - first);
    let best = 0;
    for (let p = first; p < end; p++) {
      const matched = sums[p - first];
      if (matched === 0) continue;
      // information^b is computed once per phrasing.
      const both = matched / (query.totalPart * this.phrasingInformationPart[p]);
      if (both > best) best = both;
    }
    return best;
  }

  /**
   * The per-intent sums of the word score, one pass over the postings of the query's stems; with `only`, the
   * sums of that intent alone (the others' are left as they were).
   */
  private wordQuery(stems: ReadonlyMap<string, number>, negated: ReadonlySet<string>, only?: number): WordQuery {
    const { covered, reach } = this;
    if (only === undefined) {
      covered.fill(0);
      reach.fill(0);
    } else covered[only] = reach[only] = 0;
    const ids: number[] = [];
    const gains: number[] = [];
    let total = 0;
    for (const [s, weight] of stems) {
      const information = this.stemIdf.get(s) ?? this.maxStemIdf;
      total += information;
      const postings = this.stemPostings.get(s);
      if (!postings) continue;
      const gain = information * weight;
      ids.push(postings.id);
      gains.push(gain);
      const [from, to] = only === undefined ? [0, postings.intents.length] : this.postingRange(postings, only);
      const polarity = negated.has(s) ? 1 : 0;
      for (let k = from; k < to; k++) {
        const opposite = POLARITY_WEIGHT * Math.abs(polarity - postings.negated[k]);
        covered[postings.intents[k]] += information * weight * postings.usage[k] * (1 - opposite);
        reach[postings.intents[k]] += gain;
      }
    }
    const totalPart = total ** (1 - this.scoring.phrasingBalance);
    const lacking = stems.has(this.negationStem) ? 0 : (this.stemIdf.get(this.negationStem) ?? 0);
    return { total, totalPart, lacking, covered, reach, stems: Int32Array.from(ids), gains: Float64Array.from(gains) };
  }
}

/** How sure a score is for an intent: what it adds to the intent's floor (Matcher.floorOf), rescaled to [0, 1]. */
export function sureness(score: number, floor: number): number {
  return Math.max(0, (score - floor) / (1 - floor));
}

/**
 * Applies the thresholds to a ranking: a confident answer, "did you mean" candidates, or the fallback.
 * `isFollowUp(best, next)` tells whether the answer to `best` offers `next`: then a smaller lead will do.
 */
export function decide(
  ranking: readonly Candidate[],
  thresholds: Thresholds,
  isFollowUp: (best: string, next: string) => boolean = () => false,
  floorOf: (id: string) => number = () => 0,
  /** How far a second, independent scorer backs the best: backed, less sureness and lead will do. */
  agreement: Agreement = 'none',
): MatchOutcome {
  const [best, second] = ranking;
  const candidates = ranking.slice(0, MAX_CANDIDATES);
  if (!best || best.score < thresholds.ambiguous) return { kind: 'fallback', candidates };
  const sure = sureness(best.score, floorOf(best.id));
  // The surer the best, the smaller the lead it needs: the full margin at the answer threshold, none at 1.
  const needed = thresholds.margin * Math.min(1, (1 - sure) / (1 - thresholds.answer || 1));
  // A close call between an answer and its follow-up costs one click only when the classifier confirms the
  // answer; alone, the lexical score confuses exactly such pairs (register / log in, code card / passport).
  const confirmed = agreement === 'agrees' || agreement === 'decides';
  const margin = confirmed && second && isFollowUp(best.id, second.id) ? Math.min(needed, FOLLOW_UP_MARGIN) : needed;
  const lead = best.score - (second?.score ?? 0);
  const confident = sure >= thresholds.answer && lead >= margin;
  const agreedConfident =
    agreement !== 'none' && sure >= (thresholds.agreedAnswer ?? thresholds.answer) && lead >= MARGIN_SHARE[agreement] * margin;
  if (confident || agreedConfident) {
    return { kind: 'answer', id: best.id, score: best.score, candidates };
  }
  const close = candidates.filter((c) => c.score >= thresholds.ambiguous && best.score - c.score <= CANDIDATE_SPREAD);
  return { kind: 'ambiguous', candidates: close };
}
