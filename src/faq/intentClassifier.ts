import path from 'node:path';
import { contentHash, DISK_CACHE_DIR, readCached, writeCached } from '../diskCache';

/** How the classifier learns; fixed, not tuned to one FAQ. */
const EPOCHS = 20;
const LEARNING_RATE = 2;
/** Pulls weights towards 0 at each step: a word seen in one phrasing does not decide alone. */
const L2 = 1e-4;

/** A gradient this small changes no decision: the step is skipped (it makes training several times faster). */
const NEGLIGIBLE_GRADIENT = 1e-3;

/**
 * Trained weights kept between starts (training is a third of a start): the same examples, training code and
 * Node give the same weights to the bit, so they are keyed by a hash of all three.
 */
const WEIGHTS_CACHE_DIR = path.join(DISK_CACHE_DIR, 'classifier');
const WEIGHTS_CACHE_MAX = 30;

/** A text as the classifier reads it: its feature names (stems, stem pairs, character n-grams). */
export type Features = readonly string[];

/**
 * A multinomial logistic regression over a text's features, trained at start-up on every intent's phrasings.
 * It is a second opinion beside the lexical score: it weighs words by how well they tell the intents apart,
 * learnt from the phrasings, where the lexical score weighs them by how rare they are.
 */
export class IntentClassifier {
  private readonly featureIds = new Map<string, number>();
  /** weights[f * classCount + c]: what feature f says for class c. */
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  private readonly scores: Float64Array;

  constructor(
    examples: ReadonlyArray<{ features: Features; label: number }>,
    private readonly classCount: number,
  ) {
    const encoded = examples.map((e) => ({ ids: this.encode(e.features, true), label: e.label }));
    this.weights = new Float64Array(this.featureIds.size * classCount);
    this.bias = new Float64Array(classCount);
    this.scores = new Float64Array(classCount);
    const training = [classCount, EPOCHS, LEARNING_RATE, L2, NEGLIGIBLE_GRADIENT, process.version, IntentClassifier];
    const cached = path.join(WEIGHTS_CACHE_DIR, contentHash(`${training.join('\n')}${JSON.stringify(examples)}`));
    if (this.restore(readCached(cached))) return;
    this.train(examples, encoded);
    const weights = Buffer.concat([this.weights, this.bias].map((a) => Buffer.from(a.buffer)));
    void writeCached(cached, weights, WEIGHTS_CACHE_MAX);
  }

  /** Takes weights kept by an earlier start; false when there are none of this size. */
  private restore(kept: Buffer | undefined): boolean {
    const size = (this.weights.length + this.bias.length) * Float64Array.BYTES_PER_ELEMENT;
    if (kept?.length !== size) return false;
    const values = new Float64Array(kept.buffer.slice(kept.byteOffset, kept.byteOffset + size));
    this.weights.set(values.subarray(0, this.weights.length));
    this.bias.set(values.subarray(this.weights.length));
    return true;
  }

  private train(examples: ReadonlyArray<{ features: Features; label: number }>, encoded: ReadonlyArray<{ ids: readonly number[]; label: number }>): void {
    // An order by what each example says, not by where it stands: the same content gives the same classifier,
    // and one phrasing more or less is one step more or less, not a new order of every step after it.
    const keys = examples.map((e) => hashOf(`${e.label}\u0001${e.features.join('\u0002')}`));
    const order = encoded.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      // The rate falls per pass, not per step: how many examples there are does not change any step's rate.
      const rate = LEARNING_RATE * (1 - epoch / EPOCHS) + 0.01;
      for (const k of order) this.learn(encoded[k].ids, encoded[k].label, rate);
    }
  }

  /** The probability of each class for a text. */
  probabilities(features: Features): Float64Array {
    const ids = this.encode(features, false);
    const p = new Float64Array(this.classCount);
    this.softmax(ids, p);
    return p;
  }

  private encode(features: Features, learning: boolean): number[] {
    const ids = new Set<number>();
    for (const f of features) {
      let id = this.featureIds.get(f);
      if (id === undefined && learning) this.featureIds.set(f, (id = this.featureIds.size));
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }

  /** Softmax of the class scores into `out`; features count 1 / √n each, so long texts are not surer. */
  private softmax(ids: readonly number[], out: Float64Array): number {
    const value = 1 / Math.sqrt(Math.max(1, ids.length));
    const { classCount, weights } = this;
    out.set(this.bias);
    for (const f of ids) {
      const row = f * classCount;
      for (let c = 0; c < classCount; c++) out[c] += value * weights[row + c];
    }
    let max = -Infinity;
    for (let c = 0; c < classCount; c++) max = Math.max(max, out[c]);
    let sum = 0;
    for (let c = 0; c < classCount; c++) sum += out[c] = Math.exp(out[c] - max);
    for (let c = 0; c < classCount; c++) out[c] /= sum;
    return value;
  }

  /** One gradient step of the log loss on one example. */
  private learn(ids: readonly number[], label: number, rate: number): void {
    const { classCount, weights, scores } = this;
    const value = this.softmax(ids, scores);
    scores[label] -= 1;
    // Classes the example hardly moves are left alone: most of them, once the first epochs are done.
    const moved: number[] = [];
    for (let c = 0; c < classCount; c++) if (Math.abs(scores[c]) > NEGLIGIBLE_GRADIENT) moved.push(c);
    for (const c of moved) this.bias[c] -= rate * scores[c];
    const shrink = 1 - rate * L2;
    for (const f of ids) {
      const row = f * classCount;
      for (const c of moved) weights[row + c] = shrink * weights[row + c] - rate * scores[c] * value;
    }
  }
}

/** FNV-1a of a string: a fixed, well-spread number per text. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
