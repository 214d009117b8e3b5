import type { FaqEntry } from '../content';
import { LANGUAGES, type Language } from '../../language';
import { contentWords, foldText, isNegation, stem } from '../normalize';
import { phrasingsOf, type QualityFinding } from './findings';

/** Two phrasings this alike once their negations are set aside differ mainly by a negation. */
export const NEGATION_PAIR_SIMILARITY = 0.75;

interface Polarized {
  negated: boolean;
  stems: ReadonlySet<string>;
}

function polarized(text: string, lang: Language): Polarized {
  const words = contentWords(text, lang);
  const negated = words.some((w) => isNegation(lang, foldText(w, lang)));
  return { negated, stems: new Set(words.filter((w) => !isNegation(lang, w)).map((w) => stem(w, lang))) };
}

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const common = [...a].filter((s) => b.has(s)).length;
  const all = a.size + b.size - common;
  return all === 0 ? 0 : common / all;
}

/**
 * Entries with phrasings that mean the opposite though they share most words ("code received, what
 * next?" / "code not received"): the matcher weighs the negation, but such pairs deserve more words
 * that tell them apart.
 */
export function findNegationPairs(entries: readonly FaqEntry[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const lang of LANGUAGES) {
    const phrasings = entries.map((e) => phrasingsOf(e, lang).map((p) => ({ ...p, ...polarized(p.text, lang) })));
    entries.forEach((entry, i) => {
      for (let j = 0; j < i; j++) {
        const pair = phrasings[i]
          .flatMap((a) => phrasings[j].map((b) => [a, b] as const))
          .find(
            ([a, b]) =>
              a.negated !== b.negated && a.stems.size > 1 && similarity(a.stems, b.stems) >= NEGATION_PAIR_SIMILARITY,
          );
        if (!pair) continue;
        findings.push({
          check: 'negation-pair',
          file: entry.file,
          entryId: entry.id,
          lang,
          field: pair[0].field,
          problem: `"${pair[0].text}" differs mainly by a negation from "${pair[1].text}" of entry "${entries[j].id}" (${entries[j].file})`,
          advice: 'add words that say what sets the two apart beyond "not" (e.g. what arrived, what is missing)',
        });
      }
    });
  }
  return findings;
}
