/** The three languages of the bot. Every piece of content and every UI string exists in all three. */
export const LANGUAGES = ['de', 'fr', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** "fr-CH", "it_IT", "DE" → the bot language, or undefined for anything else (e.g. "en-US"). */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  const prefix = locale?.trim().slice(0, 2).toLowerCase();
  return isLanguage(prefix) ? prefix : undefined;
}
