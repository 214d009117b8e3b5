import type { FaqEntry } from '../content';
import { it } from '../../languages/it';
import type { QualityFinding } from './findings';

/** The lower-case courtesy forms in an Italian text, as written ("sua", "le"): empty when there are none. */
export function lowercaseCourtesyForms(text: string): string[] {
  const pattern = it.lowercaseCourtesy;
  return pattern ? [...text.matchAll(pattern)].map((m) => m[0]) : [];
}

/** Italian answers that address the reader with a lower-case "lei", "sua", "le" … */
export function findLowercaseCourtesy(entries: readonly FaqEntry[]): QualityFinding[] {
  return entries.flatMap((entry) => {
    const forms = lowercaseCourtesyForms(entry.text.it.answer);
    if (forms.length === 0) return [];
    return [
      {
        check: 'courtesy-form',
        file: entry.file,
        entryId: entry.id,
        lang: 'it',
        field: 'it.answer',
        problem: `the answer addresses the reader with lower-case ${[...new Set(forms)].map((f) => `"${f}"`).join(', ')}`,
        advice: 'write the courtesy forms with a capital: Lei, Le, La, Suo, Sua, Suoi, Sue',
      },
    ];
  });
}
