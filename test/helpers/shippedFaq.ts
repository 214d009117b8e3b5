import { loadConfig, thresholdsOf } from '../../src/config';
import { FaqIndex } from '../../src/faq/faqIndex';
import { loadFaq } from '../../src/faq/loader';
import type { Language } from '../../src/language';
import type { MatchOutcome } from '../../src/faq/matcher';
import { FAQ_DIR } from './paths';

let index: FaqIndex | undefined;

/** The shipped faq/ with the thresholds the bot runs with by default (loaded once per test file). */
export function shippedIndex(): FaqIndex {
  index ??= new FaqIndex(loadFaq(FAQ_DIR), thresholdsOf(loadConfig({})));
  return index;
}

/** An outcome in one line, for failure messages: "answer online-discount (0.901)", "ambiguous a, b". */
export function describeOutcome(outcome: MatchOutcome): string {
  const candidates = outcome.candidates.map((c) => `${c.id} ${c.score.toFixed(3)}`).join(', ');
  return outcome.kind === 'answer'
    ? `answer ${outcome.id} (${outcome.score.toFixed(3)})`
    : `${outcome.kind} [${candidates}]`;
}

/** What the shipped FAQ does with a question, in one line. */
export function ask(text: string, lang: Language): string {
  return describeOutcome(shippedIndex().matchQuestion(text, lang));
}
