/** Character n-grams of words padded with a boundary mark: robust to typos, inflection and compounds. */
export function charNgrams(words: readonly string[], n = 3): string[] {
  const grams: string[] = [];
  for (const word of words) {
    const padded = `_${word}_`;
    if (padded.length <= n) {
      grams.push(padded);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

/** Term frequencies of a list. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Inverse document frequency: rare terms say more. */
export function idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + documentCount / documentFrequency);
}
