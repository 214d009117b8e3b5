import { contentWords } from '../faq/normalize';
import type { Language } from '../language';

/** Where a question may end: punctuation. */
const CLAUSE_END = /[.?!;,\n]+/;
/** A part this short ("Hallo", "danke") asks nothing of its own. */
const MIN_CONTENT_WORDS = 2;

/**
 * The questions of a message, split at punctuation and at the words that join two questions ("und", "et",
 * "e"); only parts with words that carry meaning. "Wie lange werden meine Dokumente aufbewahrt und wie melde
 * ich mich für die eRechnung an?" has two.
 */
export function questionParts(text: string, lang: Language, joins: readonly string[]): string[] {
  const joined = joins.map((j) => j.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const splitter = new RegExp(`${CLAUSE_END.source}|\\s(?:${joined})\\s`, 'iu');
  return text
    .split(splitter)
    .map((part) => part.trim())
    .filter((part) => contentWords(part, lang).length >= MIN_CONTENT_WORDS);
}
