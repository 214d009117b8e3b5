import type { Language } from '../language';
import { charNgrams, countTerms } from '../faq/ngrams';
import { contentWords } from '../faq/normalize';

/** Questions at least this similar (cosine of character trigrams of their meaningful words) are one group. */
export const GROUP_SIMILARITY = 0.5;

type Vector = Map<string, number>;

function vectorOf(text: string, lang: Language): Vector {
  return countTerms(charNgrams(contentWords(text, lang)));
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [gram, count] of a) dot += count * (b.get(gram) ?? 0);
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((sum, c) => sum + c * c, 0));
  return dot === 0 ? 0 : dot / (norm(a) * norm(b));
}

export interface Group<T> {
  members: T[];
}

/**
 * Groups texts of one language that ask the same thing in other words ("Franchise Höhe", "wie hoch ist
 * meine Franchise"): each joins the first group whose first text is similar enough, else starts one.
 */
export function groupSimilar<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  lang: Language,
): Group<T>[] {
  const groups: Array<Group<T> & { vector: Vector }> = [];
  for (const item of items) {
    const vector = vectorOf(textOf(item), lang);
    const group = groups.find((g) => cosine(g.vector, vector) >= GROUP_SIMILARITY);
    if (group) group.members.push(item);
    else groups.push({ members: [item], vector });
  }
  return groups.map(({ members }) => ({ members }));
}
