import type { FaqIndex } from '../faqIndex';
import { LANGUAGES } from '../../language';
import type { MatchOutcome } from '../matcher';
import { phrasingsOf, type QualityFinding } from './findings';

function whatHappens(outcome: MatchOutcome): string {
  const ids = outcome.candidates.map((c) => `${c.id} (${c.score.toFixed(2)})`).join(', ');
  if (outcome.kind === 'answer') return `the bot answers with entry "${outcome.id}" instead (${ids})`;
  if (outcome.kind === 'ambiguous') return `the bot asks "did you mean" ${ids} instead of answering`;
  return `the bot does not recognise it (best: ${ids || 'none'})`;
}

/** Questions and alternates that, typed as they stand, do not get their own entry's answer. */
export function findCollisions(index: FaqIndex): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const entry of index.faq.entries) {
    for (const lang of LANGUAGES) {
      for (const { field, text } of phrasingsOf(entry, lang)) {
        const outcome = index.matchQuestion(text, lang);
        if (outcome.kind === 'answer' && outcome.id === entry.id) continue;
        const rival = outcome.candidates.find((c) => c.id !== entry.id)?.id;
        findings.push({
          check: 'collision',
          file: entry.file,
          entryId: entry.id,
          lang,
          field,
          problem: `"${text}": ${whatHappens(outcome)}`,
          advice: rival
            ? `reword it with the words that set this entry apart from "${rival}", or remove it if it belongs there`
            : 'reword it with the words users type for this topic, or remove it',
        });
      }
    }
  }
  return findings;
}
