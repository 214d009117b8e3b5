import type { Language } from '../language';
import { words } from '../faq/normalize';
import type { Translator } from '../i18n/translator';

const folded = (text: string, lang: Language): string => ` ${words(text, lang).join(' ')} `;

/**
 * Which option the text names, by the options' phrases ("per SMS bitte" → sms). The longest phrase found
 * wins, so "nicht umstellen" beats "umstellen"; undefined if none is found.
 */
export function pickOption<T extends string>(
  text: string,
  lang: Language,
  phrases: Readonly<Record<T, readonly string[]>>,
): T | undefined {
  const message = folded(text, lang);
  let best: { option: T; length: number } | undefined;
  for (const option of Object.keys(phrases) as T[]) {
    for (const phrase of phrases[option]) {
      const p = folded(phrase, lang);
      if (p.trim() && message.includes(p) && p.length > (best?.length ?? 0))
        best = { option, length: p.length };
    }
  }
  return best?.option;
}

export interface RelativeYearPhrases {
  thisYear: readonly string[];
  lastYear: readonly string[];
  yearBeforeLast: readonly string[];
}

/** A year from "2024", "Steuerbescheinigung 2024", "letztes Jahr", "l'année dernière", "l'anno scorso". */
export function parseYear(
  text: string,
  lang: Language,
  currentYear: number,
  phrases: RelativeYearPhrases,
): number | undefined {
  const explicit = text.match(/(?<!\d)(19|20)\d{2}(?!\d)/);
  if (explicit) return Number(explicit[0]);
  const relative = pickOption(text, lang, phrases);
  const offsets: Record<keyof RelativeYearPhrases, number> = { thisYear: 0, lastYear: 1, yearBeforeLast: 2 };
  return relative === undefined ? undefined : currentYear - offsets[relative];
}

/** parseYear with the relative-year phrases of the locales ("letztes Jahr", "l'anno scorso"). */
export function parseYearIn(
  translator: Translator,
  text: string,
  lang: Language,
  currentYear: number,
): number | undefined {
  const list = (key: string) => translator.list(lang, `phrases.${key}`);
  return parseYear(text, lang, currentYear, {
    thisYear: list('thisYear'),
    lastYear: list('lastYear'),
    yearBeforeLast: list('yearBeforeLast'),
  });
}
