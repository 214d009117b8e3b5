import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { BoundedMemo } from '../boundedMemo';
import type { Language } from '../language';
import { languageModule, type LanguageModule } from '../languages';

const stemmers = new Map<string, Stemmer | null>();

function stemmer(lang: string): Stemmer | null {
  let s = stemmers.get(lang);
  if (s === undefined) {
    const name = languageModule(lang).stemmer;
    s = name ? newStemmer(name) : null;
    stemmers.set(lang, s);
  }
  return s;
}

/** Accents and umlauts folded away: "réduct" → "reduct". */
export function foldMarks(word: string): string {
  // Most words are plain ASCII: nothing to fold, and normalising costs more than matching them.
  return ASCII.test(word) ? word : word.normalize('NFD').replace(/\p{M}+/gu, '');
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * Case, ß, accents and umlauts folded away, so that "Prämie", "Praemie" and "Pramie" or "é" and "e" are one.
 * German folds ae/oe/ue too (users without umlauts on their keyboard write them so); French and Italian
 * keep them ("question", "questo"). For comparing phrases; the matcher stems words before it folds them.
 */
export function foldText(text: string, lang: string): string {
  const lower = text.toLowerCase();
  const folded = ASCII.test(lower) ? lower : foldMarks(lower.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss'));
  return lang === 'de' ? folded.replace(/([aou])e/g, '$1') : folded;
}

/** Folded words: letters and digits only; apostrophes and all punctuation separate words ("l'attestato"). */
export function words(text: string, lang: string): string[] {
  return foldText(text, lang).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Where a clause ends: a verb particle is looked for at the end of each. */
const CLAUSE_END = /[.?!;:,\n]+/;

/**
 * Lower-case words as written: accents kept (they carry inflection), "ß" as the Swiss "ss", hyphenated
 * words kept whole ("online-versicherung": the FAQ may write it as one word).
 */
function lowerWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .match(/[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*/gu) ?? []
  );
}

/**
 * A clause-final separable-verb particle joined to its verb: "wie logge ich mich aus" → "wie auslogge ich
 * mich". The verb is the clause's first word that is no question word or pronoun.
 */
function joinParticle(clause: string[], module: LanguageModule): string[] {
  const particle = clause.at(-1);
  if (clause.length < 3 || !particle || !module.particles.includes(particle)) return clause;
  const verbAt = clause.findIndex((w) => !module.clauseLeaders.includes(w));
  if (verbAt >= clause.length - 1 || module.particles.includes(clause[verbAt])) return clause;
  return [...clause.slice(0, verbAt), particle + clause[verbAt], ...clause.slice(verbAt + 1, -1)];
}

/**
 * The words of a text as written (lower case, accents kept, hyphenated words whole), each clause's final
 * verb particle joined to its verb.
 */
export function writtenWords(text: string, lang: string): string[] {
  const module = languageModule(lang);
  return clauses(text).flatMap((clause) => joinParticle(lowerWords(clause), module));
}

/** The clauses of a text, as punctuation separates them. */
export function clauses(text: string): string[] {
  return text.split(CLAUSE_END);
}

/** What every negation word ("kein", "nicht", "pas", "jamais", "non") stands for; no word is written so. */
export const NEGATION = '¬';

const negationSets = new Map<string, ReadonlySet<string>>();

/** Whether a folded word (foldText) negates what follows in the language. */
export function isNegation(lang: string, folded: string): boolean {
  let set = negationSets.get(lang);
  if (!set) {
    set = new Set(languageModule(lang).negations.map((w) => foldText(w, lang)));
    negationSets.set(lang, set);
  }
  return set.has(folded);
}

const stopWordSets = new Map<string, ReadonlySet<string>>();

/** Whether a folded word (foldText) is a function word of the language. */
export function isStopWord(lang: string, folded: string): boolean {
  let set = stopWordSets.get(lang);
  if (!set) {
    set = new Set(words(languageModule(lang).stopWords, lang));
    stopWordSets.set(lang, set);
  }
  return set.has(folded);
}

/** The words of a text that carry meaning. */
export function contentWords(text: string, lang: Language): string[] {
  return words(text, lang).filter((w) => !isStopWord(lang, w));
}

/** Words whose stems are remembered, per language: a message is stemmed in up to three languages each turn. */
const STEM_CACHE_MAX = 10_000;
const stemCache = new Map<string, BoundedMemo<string, string>>();

/** Snowball stem of a word, folded: stemmed as written first, since accents decide the inflection. */
export function stem(word: string, lang: string): string {
  if (/^\d+$/.test(word)) return word;
  let cache = stemCache.get(lang);
  if (!cache) stemCache.set(lang, (cache = new BoundedMemo(STEM_CACHE_MAX)));
  return cache.get(word, () => {
    const s = stemmer(lang);
    return foldMarks(s ? s.stem(word) : word);
  });
}
