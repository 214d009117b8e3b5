import { contentWords, stem } from '../faq/normalize';
import type { Language } from '../language';

/** Placeholders of masked data ("[phone]", "KPT******78") say nothing about the topic. */
const MASKED = /\[[^\]]*\]|\S*\*\*\S*/g;
/** Shorter stems ("ich", "78") are too common to tie two questions together. */
const MIN_STEM = 4;

function topicStems(text: string, lang: Language): string[] {
  return contentWords(text.replace(MASKED, ' '), lang)
    .map((word) => stem(word, lang))
    .filter((s) => s.length >= MIN_STEM && !/^\d+$/.test(s));
}

/**
 * Whether a second question plausibly rephrases the first: they share a content word (stemmed, folded),
 * or one word holds the other ("Rabatt" in "Treuerabatt"). A new topic after no answer ("IBAN …" then
 * "Passwort vergessen") shares none and is no rephrasing.
 */
export function isRephrasing(first: string, second: string, lang: Language): boolean {
  const before = topicStems(first, lang);
  const after = topicStems(second, lang);
  return before.some((a) => after.some((b) => a.includes(b) || b.includes(a)));
}
