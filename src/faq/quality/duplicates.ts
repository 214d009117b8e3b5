import type { FaqEntry } from '../content';
import { LANGUAGES, type Language } from '../../language';
import { contentWords, stem, words } from '../normalize';
import { MIN_ALTERNATES } from '../schema';
import { phrasingsOf, type Phrasing, type QualityFinding } from './findings';

/** Two entries this alike in their question or their answer say the same thing twice. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;

function stems(text: string, lang: Language): Set<string> {
  return new Set(contentWords(text, lang).map((w) => stem(w, lang)));
}

/** Share of meaningful words two texts have in common (Jaccard). */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const common = [...a].filter((s) => b.has(s)).length;
  const all = a.size + b.size - common;
  return all === 0 ? 0 : common / all;
}

/** Entries whose question or answer is nearly the same as another entry's in the same language. */
export function findNearDuplicateEntries(entries: readonly FaqEntry[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const lang of LANGUAGES) {
    const texts = entries.map((e) => ({
      question: stems(e.text[lang].question, lang),
      answer: stems(e.text[lang].answer, lang),
    }));
    entries.forEach((entry, i) => {
      for (let j = 0; j < i; j++) {
        const field = (['question', 'answer'] as const).find(
          (f) => similarity(texts[i][f], texts[j][f]) >= NEAR_DUPLICATE_SIMILARITY,
        );
        if (!field) continue;
        findings.push({
          check: 'near-duplicate',
          file: entry.file,
          entryId: entry.id,
          lang,
          field: `${lang}.${field}`,
          problem: `its ${field} is nearly the same as that of entry "${entries[j].id}" (${entries[j].file})`,
          advice: `merge the two entries into one, or make each ${field} say what sets it apart`,
        });
      }
    });
  }
  return findings;
}

/** The same phrasing for the matcher: the same meaningful words, whatever their order, case or form. */
function phrasingKey(text: string, lang: Language): string {
  return [...stems(text, lang)].sort().join(' ');
}

/** A question or alternate that two entries both claim: the matcher cannot tell them apart on it. */
export function findSharedAlternates(entries: readonly FaqEntry[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const lang of LANGUAGES) {
    const owners = new Map<string, { entry: FaqEntry; phrasing: Phrasing }>();
    for (const entry of entries) {
      for (const phrasing of phrasingsOf(entry, lang)) {
        const key = phrasingKey(phrasing.text, lang);
        if (!key) continue;
        const first = owners.get(key);
        if (!first) owners.set(key, { entry, phrasing });
        else if (first.entry.id !== entry.id) {
          findings.push({
            check: 'shared-alternate',
            file: entry.file,
            entryId: entry.id,
            lang,
            field: phrasing.field,
            problem: `"${phrasing.text}" is also in entry "${first.entry.id}" (${first.entry.file}, field "${first.phrasing.field}")`,
            advice: 'keep it in the one entry that answers it and remove it from the other',
          });
        }
      }
    }
  }
  return findings;
}

/**
 * Alternates that differ only in case, accents or punctuation from each other or from the question
 * teach the matcher nothing: an entry needs MIN_ALTERNATES really different ones in every language.
 */
export function findFewAlternates(entries: readonly FaqEntry[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const entry of entries) {
    for (const lang of LANGUAGES) {
      const { question, alternates } = entry.text[lang];
      const key = (text: string) => words(text, lang).join(' ');
      const distinct = new Set(alternates.map(key));
      distinct.delete(key(question));
      if (distinct.size >= MIN_ALTERNATES) continue;
      findings.push({
        check: 'few-alternates',
        file: entry.file,
        entryId: entry.id,
        lang,
        field: `${lang}.alternates`,
        problem: `only ${distinct.size} really different alternates (the minimum is ${MIN_ALTERNATES}; alternates that differ only in case, accents or punctuation count once)`,
        advice: `add ${MIN_ALTERNATES - distinct.size} or more ways users actually ask this in ${lang}: short keywords, whole questions, common typos`,
      });
    }
  }
  return findings;
}
