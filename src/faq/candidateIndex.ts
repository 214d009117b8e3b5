import Fuse from 'fuse.js';
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
  private readonly everything: Fuse<string>;
  /** Unknown words already looked up (the vocabulary never changes: a content reload builds a new index). */
  private readonly remembered = new Map<string, ClosestWord | undefined>();

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
    this.everything = this.fuse(words);
  }

  /**
   * The best fuse.js match of `word` within maxScore, as a search over every known word would give it; or
   * undefined, sparing fuse.js, when no word that may be within maxScore is `near` (what the caller takes; it
   * depends on the word alone, so the answer can be remembered).
   */
  closest(word: string, near: (known: string) => boolean = () => true): ClosestWord | undefined {
    if (this.remembered.has(word)) return this.remembered.get(word);
    const candidates = this.candidates(word);
    const best =
      candidates && !candidates.some(near)
        ? undefined
        : (candidates ? this.fuse(candidates) : this.everything).search(word, { limit: 1 })[0];
    const closest = best && best.score !== undefined ? { item: best.item, score: best.score } : undefined;
    // Full: start again rather than track use; the misspellings users repeat come back soon enough.
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(word, closest);
    return closest;
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

/**
 * A query's n-gram vector, in the query's own order (sums are formed in that order, so scores repeat exactly).
 * Valid until the index makes the next one: the index keeps where each of its n-grams stands.
 */
export interface QueryVector {
  /** Marks this query's n-grams in GramIndex.gramGeneration. */
  generation: number;
  /** Index of each n-gram in the postings, -1 when no phrasing has it. */
  grams: Int32Array;
  weights: Float64Array;
  norm: number;
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
  private readonly postingPhrasings: Int32Array[] = [];
  private readonly postingWeights: Float64Array[] = [];
  /** Per n-gram: the intents with a phrasing that has it, and the most any of their normalised phrasings holds. */
  private readonly intentPostings: Int32Array[] = [];
  private readonly intentMost: Float64Array[] = [];
  private readonly norms: Float64Array;
  /** Each phrasing's n-grams and weights, phrasing p at [phrasingStart[p], phrasingStart[p + 1]). */
  private readonly phrasingStart: Int32Array;
  private readonly phrasingGramIds: Int32Array;
  private readonly phrasingWeights: Float64Array;
  /** The phrasings of intent i are [intentStart[i], intentStart[i + 1]): intents list theirs one after another. */
  private readonly intentStart: Int32Array;
  /** Per-phrasing dot products of one query, reused: matching is synchronous. */
  private readonly dots: Float64Array;
  /** Per n-gram: the last query that has it (its generation) and where it stands in that query. */
  private readonly gramGeneration: Int32Array;
  private readonly gramPosition: Int32Array;
  private generation = 0;
  /** Per intent: the bound of upperBounds, reused like dots. */
  private readonly bounds: Float64Array;
  /** One phrasing's products with the query's n-grams, in query order, reused like dots (grows with queries). */
  private products = new Float64Array(64);

  /** `phrasingIntents` must be ascending: every intent's phrasings are consecutive. */
  constructor(
    phrasingGrams: readonly Map<string, number>[],
    private readonly phrasingIntents: Int32Array,
    readonly intentCount: number,
  ) {
    const gramDf: number[] = [];
    for (const grams of phrasingGrams) {
      for (const g of grams.keys()) {
        let id = this.gramIds.get(g);
        if (id === undefined) {
          id = gramDf.length;
          this.gramIds.set(g, id);
          gramDf.push(0);
        }
        gramDf[id]++;
      }
    }
    const phrasingCount = Math.max(1, phrasingGrams.length);
    for (const df of gramDf) this.gramIdf.push(idf(phrasingCount, df));
    this.maxGramIdf = idf(phrasingCount, 0.5);

    const lists = gramDf.map(() => ({ phrasings: [] as number[], weights: [] as number[] }));
    this.norms = new Float64Array(phrasingGrams.length);
    this.phrasingStart = new Int32Array(phrasingGrams.length + 1);
    const forwardIds: number[] = [];
    const forwardWeights: number[] = [];
    phrasingGrams.forEach((grams, p) => {
      let squares = 0;
      for (const [g, tf] of grams) {
        const id = this.gramIds.get(g)!;
        const weight = tf * this.gramIdf[id];
        squares += weight * weight;
        lists[id].phrasings.push(p);
        lists[id].weights.push(weight);
        forwardIds.push(id);
        forwardWeights.push(weight);
      }
      this.norms[p] = Math.sqrt(squares) || 1;
      this.phrasingStart[p + 1] = forwardIds.length;
    });
    this.phrasingGramIds = Int32Array.from(forwardIds);
    this.phrasingWeights = Float64Array.from(forwardWeights);
    for (const list of lists) {
      this.postingPhrasings.push(Int32Array.from(list.phrasings));
      this.postingWeights.push(Float64Array.from(list.weights));
      // Postings are in phrasing order, so each intent's phrasings come one after another.
      const intents: number[] = [];
      const most: number[] = [];
      list.phrasings.forEach((p, k) => {
        const share = list.weights[k] / this.norms[p];
        if (intents.at(-1) === phrasingIntents[p]) most[most.length - 1] = Math.max(most[most.length - 1], share);
        else {
          intents.push(phrasingIntents[p]);
          most.push(share);
        }
      });
      this.intentPostings.push(Int32Array.from(intents));
      this.intentMost.push(Float64Array.from(most));
    }

    this.intentStart = new Int32Array(intentCount + 1).fill(phrasingGrams.length);
    for (let p = phrasingGrams.length - 1; p >= 0; p--) this.intentStart[phrasingIntents[p]] = p;
    for (let i = intentCount - 1; i >= 0; i--) this.intentStart[i] = Math.min(this.intentStart[i], this.intentStart[i + 1]);
    this.dots = new Float64Array(phrasingGrams.length);
    this.gramGeneration = new Int32Array(gramDf.length);
    this.gramPosition = new Int32Array(gramDf.length);
    this.bounds = new Float64Array(intentCount);
  }

  vector(grams: ReadonlyMap<string, number>): QueryVector {
    const ids = new Int32Array(grams.size);
    const weights = new Float64Array(grams.size);
    const generation = ++this.generation;
    let squares = 0;
    let k = 0;
    for (const [g, tf] of grams) {
      const id = this.gramIds.get(g) ?? -1;
      const weight = tf * (id >= 0 ? this.gramIdf[id] : this.maxGramIdf);
      squares += weight * weight;
      if (id >= 0) {
        this.gramGeneration[id] = generation;
        this.gramPosition[id] = k;
      }
      ids[k] = id;
      weights[k++] = weight;
    }
    if (this.products.length < k) this.products = new Float64Array(2 * k);
    return { generation, grams: ids, weights, norm: Math.sqrt(squares) || 1 };
  }

  /** A vector made earlier, valid again (and the one before it no longer). */
  revive(vector: QueryVector): QueryVector {
    const generation = ++this.generation;
    vector.grams.forEach((id, q) => {
      if (id < 0) return;
      this.gramGeneration[id] = generation;
      this.gramPosition[id] = q;
    });
    if (this.products.length < vector.grams.length) this.products = new Float64Array(2 * vector.grams.length);
    return { ...vector, generation };
  }

  /** Best cosine of the query with any phrasing of each intent (0: shares no n-gram), scanning every posting. */
  bestCosines(query: QueryVector): Float64Array {
    const touched: number[] = [];
    for (let q = 0; q < query.grams.length; q++) {
      const id = query.grams[q];
      if (id < 0) continue;
      const phrasings = this.postingPhrasings[id];
      const weights = this.postingWeights[id];
      for (let k = 0; k < phrasings.length; k++) {
        const p = phrasings[k];
        if (this.dots[p] === 0) touched.push(p);
        this.dots[p] += query.weights[q] * weights[k];
      }
    }
    const best = new Float64Array(this.intentCount);
    for (const p of touched) {
      const intent = this.phrasingIntents[p];
      const cosine = this.dots[p] / (query.norm * this.norms[p]);
      if (cosine > best[intent]) best[intent] = cosine;
      this.dots[p] = 0;
    }
    return best;
  }

  /** The same best cosine for one intent, from its phrasings' own vectors: equal to bestCosines' to the bit. */
  bestCosine(query: QueryVector, intent: number): number {
    const { generation, weights } = query;
    const { products } = this;
    const length = query.grams.length;
    let best = 0;
    for (let p = this.intentStart[intent]; p < this.intentStart[intent + 1]; p++) {
      products.fill(0, 0, length);
      for (let k = this.phrasingStart[p]; k < this.phrasingStart[p + 1]; k++) {
        const id = this.phrasingGramIds[k];
        if (this.gramGeneration[id] !== generation) continue;
        const q = this.gramPosition[id];
        products[q] = weights[q] * this.phrasingWeights[k];
      }
      // Summed in query order, as bestCosines does (adding the zeros changes nothing).
      let dot = 0;
      for (let q = 0; q < length; q++) dot += products[q];
      const cosine = dot / (query.norm * this.norms[p]);
      if (cosine > best) best = cosine;
    }
    return best;
  }

  /**
   * For each intent, the most its best cosine can be: the query's n-grams weighted by the most any phrasing
   * of the intent holds of each. Cheap (one posting per intent, not per phrasing), and never below bestCosine.
   * The array is the index's, reused by the next query.
   */
  upperBounds(query: QueryVector): Float64Array {
    const { bounds } = this;
    bounds.fill(0);
    for (let q = 0; q < query.grams.length; q++) {
      const id = query.grams[q];
      if (id < 0) continue;
      const share = query.weights[q] / query.norm;
      const intents = this.intentPostings[id];
      const most = this.intentMost[id];
      for (let k = 0; k < intents.length; k++) bounds[intents[k]] += share * most[k];
    }
    return bounds;
  }
}
