import type { FaqEntry } from '../content';
import type { QualityFinding } from './findings';

/**
 * Italian formal address writes its courtesy forms with a capital ("Le serve", "il Suo numero", "da Lei"),
 * as the FAQ answers and UI strings do. Flagged in lower case: "lei" and the possessives, which in this
 * content only ever address the reader, and "le" only where it cannot be the article: before a verb the
 * bot uses with it (an article is never followed by "ho", "è" or "serve").
 */
const LOWERCASE_COURTESY = new RegExp(
  String.raw`(?<![\p{L}’'])(?:lei|sua|suo|suoi|sue|le(?=\s+(?:` +
    [
      'ho|ha|abbiamo|hanno|è|sarà|sono|verrà|verranno|viene|vengono',
      'serve|servono|servirà|occorre|occorrono|basta|bastano|conviene|resta|restano|rimane|rimangono',
      'arriva|arrivano|arriverà|arriveranno|invio|inviamo|invieremo|indico|rispondo|risponderò',
      'chiedo|chiediamo|consiglio|consigliamo|raccomandiamo|ricordo|ricordiamo|mostro|spiego|propongo',
      'mando|manderemo|scrivo|scriveremo|auguro|auguriamo|offriamo|permette|consente|appare|appariranno',
    ].join('|') +
    String.raw`)(?![\p{L}])))(?![\p{L}])`,
  'gu',
);

/** The lower-case courtesy forms in an Italian text, as written ("sua", "le"): empty when there are none. */
export function lowercaseCourtesyForms(text: string): string[] {
  return [...text.matchAll(LOWERCASE_COURTESY)].map((m) => m[0]);
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
