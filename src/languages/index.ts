import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { it } from './it';
import type { LanguageModule } from './types';

export type { LanguageModule } from './types';

const MODULES: Readonly<Record<string, LanguageModule>> = { de, fr, it, en };

/** A language nothing is known of: words are matched as written, no word is a stop word. */
function bare(code: string): LanguageModule {
  return {
    code,
    stopWords: '',
    particles: [],
    clauseLeaders: [],
    clauseBreaks: [],
    negations: [],
    numberWords: {},
    spellings: () => [],
  };
}

/** The module of a language; any other language code gets a bare one, so that nothing fails on it. */
export function languageModule(code: string): LanguageModule {
  return MODULES[code] ?? bare(code);
}
