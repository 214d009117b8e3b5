import Fuse from 'fuse.js';
import { BoundedMemo } from '../boundedMemo';
import { idf } from './ngrams';

/** fuse.js matches patterns of at most this many characters in one piece (its bitap word size). */
const FUSE_MAX_PATTERN_LENGTH = 32;

/** A known word close to an unknown one, with fuse.js's score (0 = identical). */
export interface ClosestWord {
  item: string;
  score: number;
}

/** A word's bigrams, each with how often it occurs, most frequent first. */
function bigramCounts(word: string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 2 <= word.length; i++) counts.set(word.slice(i, i + 2), (counts.get(word.slice(i, i + 2)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/**
 * How many of a pattern's distinct bigrams a word within k edits of it must contain. An edit breaks at most
 * two bigram occurrences, so at least (occurrences − 2k) survive, and they are of at least as many distinct
 * bigrams as it takes the most frequent ones to add up to that; also at least (distinct − 2k) survive.
 */
function bigramsRequired(counts: ReadonlyArray<[string, number]>, occurrences: number, k: number): number {
  let needed = 0;
  for (let covered = 0; covered < occurrences - 2 * k; covered += counts[needed++][1]);
  return Math.max(needed, counts.length - 2 * k);
}

/** Unknown words whose closest known word is remembered, per vocabulary. */
const REMEMBERED_MAX = 10_000;

/**
 * The closest known word by fuse.js, without fuse.js scanning the whole vocabulary: a bigram index picks
 * the words that can be close enough, and fuse.js scores only those.
 *
 * Why no close word is missed: fuse.js's score is errors / pattern length (locations ignored), so a word
 * within `maxScore` has a part at most k = ⌊maxScore · length⌋ edits away from the pattern, and such a word
 * contains at least bigramsRequired of the pattern's bigrams. Candidates keep their vocabulary order, so
 * fuse.js breaks ties between equal scores the same way.
 */
export class TypoCandidates {
  private readonly postings = new Map<string, Int32Array>();
  private readonly shared: Uint16Array;
  /** fuse.js over the whole vocabulary, made when first needed (rarely: the bigram filter spares it). */
  private everythingFuse: Fuse<string> | undefined;
  /** Unknown words already looked up (the vocabulary never changes: a content reload builds a new index). */
  private readonly remembered = new BoundedMemo<string, ClosestWord | undefined>(REMEMBERED_MAX);
  /** The length of the longest known word: a longer word is that many edits away from every known word. */
  private readonly longest: number;

  constructor(
    private readonly words: readonly string[],
    private readonly maxScore: number,
  ) {
    const lists = new Map<string, number[]>();
    words.forEach((word, i) => {
      for (const [gram] of bigramCounts(word)) {
        const list = lists.get(gram) ?? [];
        list.push(i);
        lists.set(gram, list);
      }
    });
    for (const [gram, list] of lists) this.postings.set(gram, Int32Array.from(list));
    this.shared = new Uint16Array(words.length);
    this.longest = words.reduce((max, word) => Math.max(max, word.length), 0);
  }

  /**
   * Whether some known word may be within `edits` edits of a word of this length. A made-up word of thousands
   * of letters would otherwise make fuse.js compare it with the whole vocabulary (seconds of CPU per message).
   */
  mayBeNear(length: number, edits: number): boolean {
    return length - edits <= this.longest;
  }

  private get everything(): Fuse<string> {
    this.everythingFuse ??= this.fuse(this.words);
    return this.everythingFuse;
  }

  /**
   * The best fuse.js match of `word` within maxScore, as a search over every known word would give it; or
   * undefined, sparing fuse.js, when no word that may be within maxScore is `near` (what the caller takes; it
   * depends on the word alone, so the answer can be remembered).
   */
  closest(word: string, near: (known: string) => boolean = () => true): ClosestWord | undefined {
    return this.remembered.get(word, () => {
      const candidates = this.candidates(word);
      const best =
        candidates && !candidates.some(near)
          ? undefined
          : (candidates ? this.fuse(candidates) : this.everything).search(word, { limit: 1 })[0];
      return best && best.score !== undefined ? { item: best.item, score: best.score } : undefined;
    });
  }

  /** The same answer by asking fuse.js about every known word: the reference the index must agree with. */
  closestByScan(word: string): ClosestWord | undefined {
    const [best] = this.everything.search(word, { limit: 1 });
    return best && best.score !== undefined ? { item: best.item, score: best.score } : undefined;
  }

  /** Known words that may be within maxScore, in vocabulary order; undefined when the filter cannot help. */
  candidates(word: string): string[] | undefined {
    const counts = bigramCounts(word);
    const required = bigramsRequired(counts, word.length - 1, Math.floor(this.maxScore * word.length));
    if (required <= 0 || word.length > FUSE_MAX_PATTERN_LENGTH) return undefined;
    const touched: number[] = [];
    for (const [gram] of counts) {
      for (const i of this.postings.get(gram) ?? []) {
        if (this.shared[i]++ === 0) touched.push(i);
      }
    }
    const found: number[] = [];
    for (const i of touched) {
      if (this.shared[i] >= required) found.push(i);
      this.shared[i] = 0;
    }
    return found.sort((a, b) => a - b).map((i) => this.words[i]);
  }

  private fuse(words: readonly string[]): Fuse<string> {
    return new Fuse(words, { includeScore: true, threshold: this.maxScore, ignoreLocation: true });
  }
}

/** A copy of an array with room for `size` numbers. */
function grown(values: Int32Array, size: number): Int32Array {
  const copy = new Int32Array(size);
  copy.set(values);
  return copy;
}

/**
 * A query's n-gram vector, in the query's own order (sums are formed in that order, so scores repeat exactly).
 * The index keeps where each n-gram of the last vector it was asked about stands.
 */
export interface QueryVector {
  /** Index of each n-gram in the postings, -1 when no phrasing has it. */
  grams: Int32Array;
  weights: Float64Array;
  norm: number;
  /** Per phrasing: what its cosine with this query is multiplied by (e.g. less for a phrasing of the other polarity). */
  discounts?: Float64Array;
}

/**
 * Character n-gram TF-IDF vectors of every phrasing, both as postings (n-gram → phrasings and weights) and
 * per phrasing, in typed arrays. A query touches only the phrasings it shares an n-gram with; per intent,
 * the most each n-gram weighs in any of its phrasings bounds the intent's cosine without scoring them.
 */
export class GramIndex {
  private readonly gramIds = new Map<string, number>();
  private readonly gramIdf: number[] = [];
  private readonly maxGramIdf: number;
  /** The postings of n-gram g are [postingStart[g], postingStart[g + 1]) of postingPhrasings and postingWeights. */
  private readonly postingStart: Int32Array;
  private readonly postingPhrasings: Int32Array;
  private readonly postingWeights: Float64Array;
  /**
   * Per n-gram g, at [intentPostingStart[g], intentPostingStart[g + 1]): the intents with a phrasing that has it,
   * and the most any of their normalised phrasings holds. One array each for all n-grams: tens of thousands of
   * small arrays made building a large FAQ's index mostly garbage collection.
   */
  private readonly intentPostingStart: Int32Array;
  private readonly intentPostings: Int32Array;
  private readonly intentMost: Float64Array;
  private readonly norms: Float64Array;
  /** The phrasings of intent i are [intentStart[i], intentStart[i + 1]): intents list theirs one after another. */
  private readonly intentStart: Int32Array;
  /**
   * Each intent's phrasings inverted: intent i's n-grams are intentGrams[intentGramStart[i] … intentGramStart[i + 1]),
   * ascending; the j-th has the phrasings entryPhrasings[gramEntryStart[j] … gramEntryStart[j + 1]), ascending,
   * with their weights in entryWeights. bestCosine looks up only the query's n-grams, not every n-gram of every
   * phrasing of the intent.
   */
  private readonly intentGramStart: Int32Array;
  private readonly intentGrams: Int32Array;
  private readonly gramEntryStart: Int32Array;
  private readonly entryPhrasings: Int32Array;
  private readonly entryWeights: Float64Array;
  /** Per-phrasing dot products of one query, reused (all 0 between calls): matching is synchronous. */
  private readonly dots: Float64Array;
  /** Per intent: the bound of upperBounds, reused like dots. */
  private readonly bounds: Float64Array;

  /**
   * `phrasingIntents` must be ascending: every intent's phrasings are consecutive. `phrasingGrams` is read once,
   * in order: each phrasing's n-gram counts can be made as they are needed and dropped.
   */
  constructor(
    phrasingGrams: Iterable<ReadonlyMap<string, number>>,
    private readonly phrasingIntents: Int32Array,
    readonly intentCount: number,
  ) {
    const phrasingCount = phrasingIntents.length;
    const gramDf: number[] = [];
    // Typed arrays grown by doubling: millions of numbers in plain arrays kept the garbage collector busy.
    let forwardIds: Int32Array = new Int32Array(1024);
    let forwardCounts: Int32Array = new Int32Array(1024);
    let forwardLength = 0;
    const phrasingStart = new Int32Array(phrasingCount + 1);
    let read = 0;
    for (const grams of phrasingGrams) {
      if (forwardLength + grams.size > forwardIds.length) {
        const size = 2 * (forwardLength + grams.size);
        [forwardIds, forwardCounts] = [grown(forwardIds, size), grown(forwardCounts, size)];
      }
      for (const [g, tf] of grams) {
        let id = this.gramIds.get(g);
        if (id === undefined) {
          id = gramDf.length;
          this.gramIds.set(g, id);
          gramDf.push(0);
        }
        gramDf[id]++;
        forwardIds[forwardLength] = id;
        forwardCounts[forwardLength++] = tf;
      }
      phrasingStart[++read] = forwardLength;
    }
    for (const df of gramDf) this.gramIdf.push(idf(Math.max(1, phrasingCount), df));
    this.maxGramIdf = idf(Math.max(1, phrasingCount), 0.5);

    const phrasingGramIds = forwardIds.slice(0, forwardLength);
    const phrasingWeights = Float64Array.from(phrasingGramIds, (id, k) => forwardCounts[k] * this.gramIdf[id]);
    this.norms = new Float64Array(phrasingCount);
    for (let p = 0; p < phrasingCount; p++) {
      let squares = 0;
      for (let k = phrasingStart[p]; k < phrasingStart[p + 1]; k++) squares += phrasingWeights[k] * phrasingWeights[k];
      this.norms[p] = Math.sqrt(squares) || 1;
    }

    // Postings in phrasing order, so each intent's phrasings come one after another.
    this.postingStart = new Int32Array(gramDf.length + 1);
    gramDf.forEach((df, g) => (this.postingStart[g + 1] = this.postingStart[g] + df));
    this.postingPhrasings = new Int32Array(forwardLength);
    this.postingWeights = new Float64Array(forwardLength);
    const filled = this.postingStart.slice(0, gramDf.length);
    for (let p = 0; p < phrasingCount; p++) {
      for (let k = phrasingStart[p]; k < phrasingStart[p + 1]; k++) {
        const at = filled[phrasingGramIds[k]]++;
        this.postingPhrasings[at] = p;
        this.postingWeights[at] = phrasingWeights[k];
      }
    }
    this.intentPostingStart = new Int32Array(gramDf.length + 1);
    const intents = new Int32Array(forwardLength);
    const most = new Float64Array(forwardLength);
    let kept = 0;
    for (let g = 0; g < gramDf.length; g++) {
      for (let k = this.postingStart[g]; k < this.postingStart[g + 1]; k++) {
        const p = this.postingPhrasings[k];
        const share = this.postingWeights[k] / this.norms[p];
        if (kept > this.intentPostingStart[g] && intents[kept - 1] === phrasingIntents[p]) {
          most[kept - 1] = Math.max(most[kept - 1], share);
        } else {
          intents[kept] = phrasingIntents[p];
          most[kept++] = share;
        }
      }
      this.intentPostingStart[g + 1] = kept;
    }
    this.intentPostings = intents.slice(0, kept);
    this.intentMost = most.slice(0, kept);

    this.intentStart = new Int32Array(intentCount + 1).fill(phrasingCount);
    for (let p = phrasingCount - 1; p >= 0; p--) this.intentStart[phrasingIntents[p]] = p;
    for (let i = intentCount - 1; i >= 0; i--) this.intentStart[i] = Math.min(this.intentStart[i], this.intentStart[i + 1]);
    [this.intentGramStart, this.intentGrams, this.gramEntryStart, this.entryPhrasings, this.entryWeights] =
      this.invertIntents(phrasingStart, phrasingGramIds, phrasingWeights);
    this.dots = new Float64Array(phrasingCount);
    this.bounds = new Float64Array(intentCount);
  }

  vector(grams: ReadonlyMap<string, number>, discounts?: Float64Array): QueryVector {
    const ids = new Int32Array(grams.size);
    const weights = new Float64Array(grams.size);
    let squares = 0;
    let k = 0;
    for (const [g, tf] of grams) {
      const id = this.gramIds.get(g) ?? -1;
      const weight = tf * (id >= 0 ? this.gramIdf[id] : this.maxGramIdf);
      squares += weight * weight;
      ids[k] = id;
      weights[k++] = weight;
    }
    return { grams: ids, weights, norm: Math.sqrt(squares) || 1, discounts };
  }

  /** The per-intent inverted entries (see intentGrams), from each phrasing's n-grams and weights. */
  private invertIntents(
    phrasingStart: Int32Array,
    phrasingGramIds: Int32Array,
    phrasingWeights: Float64Array,
  ): [Int32Array, Int32Array, Int32Array, Int32Array, Float64Array] {
    const intentGramStart = new Int32Array(this.intentCount + 1);
    const intentGrams = new Int32Array(this.intentPostings.length);
    const gramEntryStart = new Int32Array(this.intentPostings.length + 1);
    const entryPhrasings = new Int32Array(phrasingGramIds.length);
    const entryWeights = new Float64Array(phrasingGramIds.length);
    // One intent at a time, its entries chained per n-gram (head, then next; -1 ends a chain), last entry first.
    const head = new Int32Array(this.gramIdf.length).fill(-1);
    let [next, owners] = [new Int32Array(0), new Int32Array(0)];
    let [g, e] = [0, 0];
    for (let i = 0; i < this.intentCount; i++) {
      const [first, end] = [this.intentStart[i], this.intentStart[i + 1]];
      const [from, to] = [phrasingStart[first], phrasingStart[end]];
      if (next.length < to - from) [next, owners] = [new Int32Array(2 * (to - from)), new Int32Array(2 * (to - from))];
      for (let p = first; p < end; p++) owners.fill(p, phrasingStart[p] - from, phrasingStart[p + 1] - from);
      const start = g;
      for (let k = to - 1; k >= from; k--) {
        const id = phrasingGramIds[k];
        if (head[id] < 0) intentGrams[g++] = id;
        next[k - from] = head[id];
        head[id] = k;
      }
      intentGrams.subarray(start, g).sort();
      for (let j = start; j < g; j++) {
        gramEntryStart[j] = e;
        for (let k = head[intentGrams[j]]; k >= 0; k = next[k - from]) {
          entryPhrasings[e] = owners[k - from];
          entryWeights[e++] = phrasingWeights[k];
        }
        head[intentGrams[j]] = -1;
      }
      intentGramStart[i + 1] = g;
    }
    gramEntryStart[g] = e;
    return [intentGramStart, intentGrams.slice(0, g), gramEntryStart.slice(0, g + 1), entryPhrasings, entryWeights];
  }

  /** Best cosine of the query with any phrasing of each intent (0: shares no n-gram), scanning every posting. */
  bestCosines(query: QueryVector): Float64Array {
    const touched: number[] = [];
    for (let q = 0; q < query.grams.length; q++) {
      const id = query.grams[q];
      if (id < 0) continue;
      for (let k = this.postingStart[id]; k < this.postingStart[id + 1]; k++) {
        const p = this.postingPhrasings[k];
        if (this.dots[p] === 0) touched.push(p);
        this.dots[p] += query.weights[q] * this.postingWeights[k];
      }
    }
    const best = new Float64Array(this.intentCount);
    for (const p of touched) {
      const intent = this.phrasingIntents[p];
      const cosine = (this.dots[p] / (query.norm * this.norms[p])) * (query.discounts?.[p] ?? 1);
      if (cosine > best[intent]) best[intent] = cosine;
      this.dots[p] = 0;
    }
    return best;
  }

  /**
   * The same best cosine for one intent, equal to bestCosines' to the bit: each query n-gram the intent has
   * adds its products to the phrasings that have it, in query order as bestCosines adds them. Each is looked up
   * in the intent's sorted n-grams: cheaper than noting, in upperBounds, the n-grams of every intent, of which
   * only the few best bounds are scored (p50 −26% at 5,000 entries, docs/benchmarks.md).
   */
  bestCosine(query: QueryVector, intent: number): number {
    const { grams, weights } = query;
    const { intentGrams } = this;
    const [low, high] = [this.intentGramStart[intent], this.intentGramStart[intent + 1] - 1];
    for (let q = 0; q < grams.length; q++) {
      const id = grams[q];
      if (id < 0) continue;
      let [from, to] = [low, high];
      while (from < to) {
        const middle = (from + to) >>> 1;
        if (intentGrams[middle] < id) from = middle + 1;
        else to = middle;
      }
      if (from > high || intentGrams[from] !== id) continue;
      this.addProducts(weights[q], from);
    }
    return this.bestOfDots(query, intent);
  }

  /** Adds a query n-gram's products with the phrasings of the inverted entry j (see intentGrams) to their dots. */
  private addProducts(weight: number, j: number): void {
    const { dots, gramEntryStart, entryPhrasings, entryWeights } = this;
    for (let e = gramEntryStart[j]; e < gramEntryStart[j + 1]; e++) dots[entryPhrasings[e]] += weight * entryWeights[e];
  }

  /** The best cosine of an intent's phrasings from their dots, which it sets back to 0. */
  private bestOfDots(query: QueryVector, intent: number): number {
    const { dots, norms } = this;
    const { norm, discounts } = query;
    const [first, end] = [this.intentStart[intent], this.intentStart[intent + 1]];
    let best = 0;
    // Without discounts each cosine is multiplied by 1, which changes no bit: that loop leaves it out.
    if (discounts) {
      for (let p = first; p < end; p++) {
        const cosine = (dots[p] / (norm * norms[p])) * discounts[p];
        if (cosine > best) best = cosine;
        dots[p] = 0;
      }
    } else {
      for (let p = first; p < end; p++) {
        const cosine = dots[p] / (norm * norms[p]);
        if (cosine > best) best = cosine;
        dots[p] = 0;
      }
    }
    return best;
  }

  /**
   * For each intent, the most its best cosine can be: the query's n-grams weighted by the most any phrasing
   * of the intent holds of each. Cheap (one posting per intent, not per phrasing), and never below bestCosine.
   * The array is the index's, reused by the next query.
   */
  upperBounds(query: QueryVector): Float64Array {
    const { bounds, intentPostingStart, intentPostings, intentMost } = this;
    bounds.fill(0);
    for (let q = 0; q < query.grams.length; q++) {
      const id = query.grams[q];
      if (id < 0) continue;
      const share = query.weights[q] / query.norm;
      for (let k = intentPostingStart[id]; k < intentPostingStart[id + 1]; k++) {
        bounds[intentPostings[k]] += share * intentMost[k];
      }
    }
    return bounds;
  }
}

/**
 * Each intent's phrasings inverted by stem: per intent its stem ids in ascending order, each with the
 * intent's phrasings that use it. The word score of a phrasing then costs a lookup per stem of the question,
 * not a pass over every stem of every phrasing of the intent.
 */
export class StemPhrasings {
  /** Intent i's stems are intentStems[intentStemStart[i] … intentStemStart[i + 1]), ascending. */
  private readonly intentStemStart: Int32Array;
  private readonly intentStems: Int32Array;
  /** The j-th has the phrasings phrasings[phrasingStart[j] … phrasingStart[j + 1]), as offsets in its intent. */
  private readonly phrasingStart: Int32Array;
  private readonly phrasings: Int32Array;
  /** Per phrasing of one intent: its sum, reused (see matchedSums). */
  private sums = new Float64Array(0);

  /** `phrasingStems`: each phrasing's distinct stem ids; intent i's phrasings are [intentPhrasingStart[i], … [i + 1]). */
  constructor(phrasingStems: ReadonlyArray<readonly number[]>, intentPhrasingStart: Int32Array) {
    const intentCount = intentPhrasingStart.length - 1;
    const uses = phrasingStems.reduce((sum, stems) => sum + stems.length, 0);
    this.intentStemStart = new Int32Array(intentCount + 1);
    const intentStems = new Int32Array(uses);
    const phrasingStart = new Int32Array(uses + 1);
    this.phrasings = new Int32Array(uses);
    let [j, e] = [0, 0];
    for (let i = 0; i < intentCount; i++) {
      const [first, end] = [intentPhrasingStart[i], intentPhrasingStart[i + 1]];
      if (end - first > this.sums.length) this.sums = new Float64Array(end - first);
      // Each use as stem · phrasings + offset: sorted, they come by stem, then by phrasing.
      const keys: number[] = [];
      for (let p = first; p < end; p++) for (const s of phrasingStems[p]) keys.push(s * (end - first) + p - first);
      const sorted = Float64Array.from(keys).sort();
      for (const key of sorted) {
        const [stem, offset] = [Math.floor(key / (end - first)), key % (end - first)];
        if (j === this.intentStemStart[i] || intentStems[j - 1] !== stem) {
          intentStems[j] = stem;
          phrasingStart[j++] = e;
        }
        this.phrasings[e++] = offset;
      }
      this.intentStemStart[i + 1] = j;
    }
    phrasingStart[j] = e;
    this.intentStems = intentStems.slice(0, j);
    this.phrasingStart = phrasingStart.slice(0, j + 1);
  }

  /**
   * Per phrasing of an intent (by its offset in the intent), the sum of the gains of the question's stems
   * (`stems`, ids in the question's order, with their `gains`) that the phrasing uses, added in the question's
   * order: the same sum, to the bit, as adding a 0 for each stem it lacks. The array is reused by the next call.
   */
  matchedSums(stems: Int32Array, gains: Float64Array, intent: number, phrasingCount: number): Float64Array {
    const { sums, intentStems, phrasingStart, phrasings } = this;
    sums.fill(0, 0, phrasingCount);
    const [low, high] = [this.intentStemStart[intent], this.intentStemStart[intent + 1] - 1];
    for (let q = 0; q < stems.length; q++) {
      const id = stems[q];
      let [from, to] = [low, high];
      while (from < to) {
        const middle = (from + to) >>> 1;
        if (intentStems[middle] < id) from = middle + 1;
        else to = middle;
      }
      if (from > high || intentStems[from] !== id) continue;
      for (let e = phrasingStart[from]; e < phrasingStart[from + 1]; e++) sums[phrasings[e]] += gains[q];
    }
    return sums;
  }
}
