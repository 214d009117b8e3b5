import type { FaqIndex } from '../faqIndex';
import { findCollisions } from './collisions';
import { findFewAlternates, findNearDuplicateEntries, findSharedAlternates } from './duplicates';
import { findFactDrift } from './facts';
import type { QualityFinding } from './findings';
import { findWrongLanguagePhrasings } from './languages';

export { formatFinding, type QualityCheck, type QualityFinding } from './findings';

/** Every quality problem of a valid FAQ, in the order support staff best fix them. */
export function checkQuality(index: FaqIndex): QualityFinding[] {
  const { entries } = index.faq;
  return [
    ...findFactDrift(entries, index.faq.facts),
    ...findWrongLanguagePhrasings(entries),
    ...findNearDuplicateEntries(entries),
    ...findSharedAlternates(entries),
    ...findFewAlternates(entries),
    ...findCollisions(index),
  ];
}
