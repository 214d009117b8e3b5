import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TOptions } from 'i18next';
import { BoundedMemo } from '../boundedMemo';
import { LANGUAGES, type Language } from '../language';
import { keepPhoneNumbersTogether } from './phoneNumbers';

/** Every user-facing string of the bot, looked up by key in the user's language. */
export interface Translator {
  t(lang: Language, key: string, options?: TOptions): string;
  /** A list of strings (phrases the bot understands). */
  list(lang: Language, key: string): string[];
}

/** Values every string may interpolate in a language (the support contacts from faq/facts.yaml). */
export type SharedValues = (lang: Language) => Readonly<Record<string, string>>;

/** Strings without parameters kept rendered, at most (the three languages have about 500 UI strings). */
const MAX_RENDERED = 5000;

/** `shared` is asked on every call: content reloaded while the bot runs is in force at once. */
export function loadTranslator(localesDir: string, shared: SharedValues = () => ({})): Translator {
  const resources = Object.fromEntries(
    LANGUAGES.map((lang) => {
      const file = path.join(localesDir, lang, 'translation.json');
      try {
        return [lang, { translation: JSON.parse(readFileSync(file, 'utf8')) }];
      } catch (error) {
        throw new Error(`Cannot load UI strings ${file}: ${(error as Error).message}`);
      }
    }),
  );
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    lng: LANGUAGES[0],
    supportedLngs: [...LANGUAGES],
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // A string without parameters is rendered once per language and shared values (i18next's t, with its
  // lookups and interpolation, costs more than the rest of building a reply); bounded, as keys may be built.
  const rendered = new BoundedMemo<string, string>(MAX_RENDERED);
  return {
    t: (lang, key, options) => {
      const values = shared(lang);
      const render = () =>
        keepPhoneNumbersTogether(instance.t(key, { ...values, ...options, lng: lang }) as string);
      if (options) return render();
      return rendered.get([lang, key, ...Object.values(values)].join('\u0000'), render);
    },
    list: (lang, key) => {
      const value: unknown = instance.t(key, { lng: lang, returnObjects: true });
      return Array.isArray(value) ? value.map(String) : [];
    },
  };
}
