import { newStemmer, type Stemmer } from 'snowball-stemmers';
import type { Language } from '../language';
import { STOP_WORDS } from './stopwords';

const STEMMER_NAMES: Record<Language, string> = { de: 'german', fr: 'french', it: 'italian' };
const stemmers = new Map<Language, Stemmer>();

function stemmer(lang: Language): Stemmer {
  let s = stemmers.get(lang);
  if (!s) {
    s = newStemmer(STEMMER_NAMES[lang]);
    stemmers.set(lang, s);
  }
  return s;
}

/**
 * Case, ß, accents and umlauts folded away, so that "Prämie", "Praemie" and "Pramie" or "é" and "e" are one.
 * German folds ae/oe/ue too (users without umlauts on their keyboard write them so); French and Italian
 * keep them ("question", "questo").
 */
export function foldText(text: string, lang: Language): string {
  let folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  if (lang === 'de') folded = folded.replace(/([aou])e/g, '$1');
  return folded;
}

/** Folded words: letters and digits only; apostrophes and all punctuation separate words ("l'attestato"). */
export function words(text: string, lang: Language): string[] {
  return foldText(text, lang).match(/[\p{L}\p{N}]+/gu) ?? [];
}

const stopWordSets = new Map<Language, ReadonlySet<string>>();

export function isStopWord(lang: Language, folded: string): boolean {
  let set = stopWordSets.get(lang);
  if (!set) {
    set = new Set(words(STOP_WORDS[lang], lang));
    stopWordSets.set(lang, set);
  }
  return set.has(folded);
}

/** The words of a text that carry meaning. */
export function contentWords(text: string, lang: Language): string[] {
  return words(text, lang).filter((w) => !isStopWord(lang, w));
}

/** Snowball stem of a folded word. */
export function stem(word: string, lang: Language): string {
  return /^\d+$/.test(word) ? word : stemmer(lang).stem(word);
}
