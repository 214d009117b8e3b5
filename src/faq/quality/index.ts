import type { FaqEntry } from '../content';
import type { FaqIndex } from '../faqIndex';
import { findCollisions } from './collisions';
import { findLowercaseCourtesy } from './courtesy';
import { findFewAlternates, findNearDuplicateEntries, findSharedAlternates } from './duplicates';
import { findFactDrift } from './facts';
import { findNegationPairs } from './negations';
import type { QualityFinding } from './findings';
import { findWrongLanguagePhrasings } from './languages';
import { findLanguagesOutOfStep, findOverdueReviews, type EarlierAnswers } from './review';

export { formatFinding, type QualityCheck, type QualityFinding } from './findings';

export interface QualityOptions {
  /** "2026-12-03": the day overdue reviews are counted from; default today. */
  today?: string;
  /** The answers at an earlier commit (`faq -- check --since REF`): languages changed alone are flagged. */
  history?: { since: string; earlier: (entry: FaqEntry) => EarlierAnswers | undefined };
}

/** Every quality problem of a valid FAQ, in the order support staff best fix them. */
export function checkQuality(index: FaqIndex, options: QualityOptions = {}): QualityFinding[] {
  const { entries } = index.faq;
  const { today = new Date().toISOString().slice(0, 10), history } = options;
  return [
    ...(history ? findLanguagesOutOfStep(entries, history.earlier, history.since) : []),
    ...findOverdueReviews(entries, today),
    ...findFactDrift(entries, index.faq.facts),
    ...findWrongLanguagePhrasings(entries),
    ...findLowercaseCourtesy(entries),
    ...findNearDuplicateEntries(entries),
    ...findSharedAlternates(entries),
    ...findFewAlternates(entries),
    ...findNegationPairs(entries),
    ...findCollisions(index),
  ];
}
