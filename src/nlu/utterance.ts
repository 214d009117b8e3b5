import { isStopWord, stem, words } from '../faq/normalize';
import type { Language } from '../language';
import { languageModule } from '../languages';
import { LanguageGuesses } from './languageDetection';
import { withoutPii } from '../security/pii';

/** Where a phrase was found in a message: word positions [start, end). */
export interface Found {
  start: number;
  end: number;
}

/** Words this long may carry one typo and still count ("abbrechn", "anuller"). */
const MIN_FUZZY_LENGTH = 5;

/** Where a clause ends. */
const CLAUSE_END = /[.?!;:,\n]+/;

/** Phrases this long may have a small word inserted by the user; shorter ones change meaning too easily. */
const MIN_GAPPED_PHRASE = 3;
/** Small words inserted together between two words of a phrase ("was soll ich da jetzt wählen"). */
const MAX_GAP = 2;

/** At most one letter inserted, dropped, changed or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** "jaaa", "ouiii", "smss": letters held down once too long. */
export const squeeze = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/**
 * The first letters and the stems of a message's words: a phrase whose first word starts with none of those
 * letters and has none of those stems is nowhere in it (see Utterance.find), and need not be looked for.
 */
export interface WordStarts {
  letters: ReadonlySet<string>;
  stems: ReadonlySet<string>;
}

/** A phrase to look for, folded into words once, with their stems and their squeezed forms. */
export interface PhraseWords {
  words: readonly string[];
  stems: readonly string[];
  squeezed: readonly string[];
}

/** The same letters with two neighbours swapped. */
function swapped(a: string, b: string): boolean {
  const i = [...a].findIndex((c, k) => c !== b[k]);
  return i >= 0 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function sameWord(said: string, saidSqueezed: string, phraseWord: string, phraseSqueezed: string): boolean {
  // Squeezing keeps the first letter: words that start differently are neither the same nor one typo apart.
  if (said[0] !== phraseWord[0]) return false;
  if (said === phraseWord || saidSqueezed === phraseSqueezed) return true;
  if (/\d/.test(phraseWord + said)) return false;
  if (phraseWord.length >= MIN_FUZZY_LENGTH) return withinOneEdit(said, phraseWord);
  // Four letters: only two neighbours swapped ("mial"), so "mais" never reads as "mail".
  return phraseWord.length === 4 && said.length === 4 && swapped(said, phraseWord);
}

/**
 * One message, normalised once per turn: its folded words per language (German folds "ae" to "a", the
 * others keep it), stems, whether it is put as a question, and what language it looks written in.
 */
export class Utterance {
  private readonly folded = new Map<Language, string[]>();
  private readonly stemmed = new Map<Language, string[]>();
  private readonly squeezedWords = new Map<Language, string[]>();
  private readonly wordStarts = new Map<Language, WordStarts>();
  private guesses?: LanguageGuesses;

  private personalDataDropped?: string;

  constructor(readonly text: string) {}

  /** The text to match against phrasings: without personal data (src/security/pii.ts), which only dilutes. */
  get matchText(): string {
    return (this.personalDataDropped ??= withoutPii(this.text));
  }

  words(lang: Language): string[] {
    let list = this.folded.get(lang);
    if (!list) {
      list = words(this.text, lang);
      this.folded.set(lang, list);
    }
    return list;
  }

  stems(lang: Language): string[] {
    let list = this.stemmed.get(lang);
    if (!list) {
      list = this.words(lang).map((w) => stem(w, lang));
      this.stemmed.set(lang, list);
    }
    return list;
  }

  private squeezed(lang: Language): string[] {
    let list = this.squeezedWords.get(lang);
    if (!list) {
      list = this.words(lang).map(squeeze);
      this.squeezedWords.set(lang, list);
    }
    return list;
  }

  starts(lang: Language): WordStarts {
    let starts = this.wordStarts.get(lang);
    if (!starts) {
      starts = { letters: new Set(this.words(lang).map((w) => w[0]!)), stems: new Set(this.stems(lang)) };
      this.wordStarts.set(lang, starts);
    }
    return starts;
  }

  /** Words that carry meaning, outside the given found spans (and inside `within`, if given). */
  contentWordsOutside(
    lang: Language,
    spans: readonly Found[],
    ignore: ReadonlySet<string>,
    within: Found = { start: 0, end: Infinity },
  ): string[] {
    return this.words(lang).filter(
      (w, i) =>
        i >= within.start &&
        i < within.end &&
        !spans.some((s) => i >= s.start && i < s.end) &&
        !isStopWord(lang, w) &&
        !ignore.has(w),
    );
  }

  /**
   * The clause where the word at `index` stands: between commas, full stops …, or before a word that begins
   * a new clause ("via mail che il telefono è scarico", "SMS, weil …").
   */
  clauseAt(lang: Language, index: number): Found {
    const counts = this.text.split(CLAUSE_END).map((part) => words(part, lang).length);
    // Punctuation inside a word ("KPT.1234") would shift the count: then the message is one clause.
    if (counts.reduce((a, b) => a + b, 0) !== this.words(lang).length) return { start: 0, end: Infinity };
    const breaks = new Set(languageModule(lang).clauseBreaks);
    const said = this.words(lang);
    let start = 0;
    for (const count of counts) {
      if (index < start + count) {
        let from = start;
        for (let i = start + 1; i <= index; i++) if (breaks.has(said[i]!)) from = i;
        let to = index + 1;
        while (to < start + count && !breaks.has(said[to]!)) to++;
        return { start: from, end: to };
      }
      start += count;
    }
    return { start: 0, end: Infinity };
  }

  /**
   * Where the phrase occurs, given as folded words and their stems: a word counts if it is the same, has
   * the same stem ("umstelle", "umstellen") or, when long, one typo. Between two words of the phrase the
   * message may have one or two words that `skippable` allows, in phrases of three words or more ("was soll ich
   * da eingeben" has "was soll ich eingeben", but "lassen Sie es" is not "lass es"); the span includes them.
   */
  find(
    phrase: PhraseWords,
    lang: Language,
    skippable: (word: string) => boolean = () => false,
  ): Found | undefined {
    const length = phrase.words.length;
    if (length === 0) return undefined;
    const said = this.words(lang);
    const mayGap = length >= MIN_GAPPED_PHRASE;
    for (let start = 0; start + length <= said.length; start++) {
      if (!this.wordMatches(start, phrase, 0, lang)) continue;
      let at = start + 1;
      for (let k = 1; k < length && at > 0; k++) {
        if (at < said.length && this.wordMatches(at, phrase, k, lang)) at += 1;
        else at = mayGap ? this.afterGap(at, phrase, k, lang, skippable) : -1;
      }
      if (at > 0) return { start, end: at };
    }
    return undefined;
  }

  /** Past the phrase's word `k` found after one or two small words at `at` ("was soll ich da jetzt wählen"), or -1. */
  private afterGap(
    at: number,
    phrase: PhraseWords,
    k: number,
    lang: Language,
    skippable: (word: string) => boolean,
  ): number {
    const said = this.words(lang);
    for (let gap = 1; gap <= MAX_GAP && at + gap < said.length && skippable(said[at + gap - 1]!); gap++)
      if (this.wordMatches(at + gap, phrase, k, lang)) return at + gap + 1;
    return -1;
  }

  /** Whether the word at `at` is the phrase's word `k`: the same, the same stem, or one typo away. */
  private wordMatches(at: number, phrase: PhraseWords, k: number, lang: Language): boolean {
    const phraseStem = phrase.stems[k]!;
    return (
      sameWord(this.words(lang)[at]!, this.squeezed(lang)[at]!, phrase.words[k]!, phrase.squeezed[k]!) ||
      (phraseStem.length >= 3 && this.stems(lang)[at] === phraseStem)
    );
  }

  get asksQuestion(): boolean {
    return this.text.includes('?');
  }

  get languageGuesses(): LanguageGuesses {
    this.guesses ??= new LanguageGuesses(this.text);
    return this.guesses;
  }
}
