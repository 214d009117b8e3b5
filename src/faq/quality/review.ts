import type { FaqEntry } from '../content';
import { LANGUAGES, type Language } from '../../language';
import type { QualityFinding } from './findings';

/** Entries whose `reviewBy` date has passed on `today` ("2026-12-03"). */
export function findOverdueReviews(entries: readonly FaqEntry[], today: string): QualityFinding[] {
  return entries
    .filter((entry) => entry.reviewBy !== undefined && entry.reviewBy < today)
    .map((entry) => ({
      check: 'review-overdue' as const,
      file: entry.file,
      entryId: entry.id,
      field: 'reviewBy',
      problem: `was to be reviewed by ${entry.reviewBy}${entry.owner ? ` (owner: ${entry.owner})` : ''}`,
      advice: 'read the entry in all three languages against the source, then set a new reviewBy date',
    }));
}

/** The answers of an entry as they were before (at a git commit): any of them may be missing. */
export type EarlierAnswers = Partial<Record<Language, string>>;

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * Entries where one language's answer changed since `since` and another's did not: a fix made in one
 * language that the others probably need too. Entries new since then are left alone.
 */
export function findLanguagesOutOfStep(
  entries: readonly FaqEntry[],
  earlier: (entry: FaqEntry) => EarlierAnswers | undefined,
  since: string,
): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const entry of entries) {
    const before = earlier(entry);
    if (!before) continue;
    const changed = LANGUAGES.filter((lang) => {
      const old = before[lang];
      return old !== undefined && !sameText(old, entry.text[lang].answer);
    });
    if (changed.length === 0 || changed.length === LANGUAGES.length) continue;
    for (const lang of LANGUAGES.filter((l) => !changed.includes(l) && before[l] !== undefined)) {
      findings.push({
        check: 'languages-out-of-step',
        file: entry.file,
        entryId: entry.id,
        lang,
        field: `${lang}.answer`,
        problem: `the ${changed.join(' and ')} answer changed since ${since}, this one did not`,
        advice: `have the ${lang} answer reviewed against the new ${changed[0]} one, and change it too if the content changed`,
      });
    }
  }
  return findings;
}
