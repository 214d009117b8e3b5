import { detectAll } from 'tinyld';
import { LANGUAGES, type Language } from '../faq/language';
import { words } from '../faq/normalize';

/** Short texts are too ambiguous to switch language on ("code sms", "online"). */
const MIN_WORDS = 3;
/** tinyld's confidence needed to switch on the text alone. */
const MIN_CONFIDENCE = 0.5;

/** The languages the text may be written in, most likely first (tinyld restricted to de/fr/it). */
export function likelyLanguages(text: string): Language[] {
  return detectAll(text, { only: [...LANGUAGES] })
    .map((r) => r.lang)
    .filter((lang): lang is Language => (LANGUAGES as readonly string[]).includes(lang));
}

/**
 * The other language a message is clearly written in, or undefined to keep the current one.
 * Swiss German is German: it is detected as "de" or not clearly at all, and then the language stays.
 */
export function clearlyOtherLanguage(text: string, current: Language): Language | undefined {
  if (words(text, current).length < MIN_WORDS) return undefined;
  const [best] = detectAll(text, { only: [...LANGUAGES] });
  if (!best || best.lang === current || best.accuracy < MIN_CONFIDENCE) return undefined;
  return best.lang as Language;
}
