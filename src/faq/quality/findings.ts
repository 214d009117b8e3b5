import type { FaqEntry } from '../content';
import type { Language } from '../../language';

/** The kinds of quality problem `faq -- check` looks for beyond the schema. */
export type QualityCheck =
  | 'collision'
  | 'near-duplicate'
  | 'shared-alternate'
  | 'few-alternates'
  | 'fact-drift'
  | 'negation-pair'
  | 'wrong-language'
  | 'courtesy-form'
  | 'review-overdue'
  | 'languages-out-of-step';

/**
 * A quality problem: valid content that will serve users badly. Always a warning (the bot runs), which
 * `faq -- check --strict` turns into a failure.
 */
export interface QualityFinding {
  check: QualityCheck;
  file: string;
  entryId: string;
  /** The language concerned; none for what concerns the entry as a whole (its review date). */
  lang?: Language;
  /** The field in the entry file, e.g. "fr.alternates.3". */
  field?: string;
  /** What is wrong. */
  problem: string;
  /** What support staff should do about it. */
  advice: string;
}

export function formatFinding(f: QualityFinding): string {
  const where = [f.file, `entry "${f.entryId}"`, f.lang && `language ${f.lang}`, f.field && `field "${f.field}"`];
  return `  [${f.check}] ${where.filter(Boolean).join(', ')}: ${f.problem}\n      → ${f.advice}`;
}

/** One phrasing of an entry (its question or an alternate) with the field it stands in. */
export interface Phrasing {
  field: string;
  text: string;
}

export function phrasingsOf(entry: FaqEntry, lang: Language): Phrasing[] {
  const { question, alternates } = entry.text[lang];
  return [
    { field: `${lang}.question`, text: question },
    ...alternates.map((text, i) => ({ field: `${lang}.alternates.${i}`, text })),
  ];
}
