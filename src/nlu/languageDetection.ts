import type * as Tinyld from 'tinyld';
import { LANGUAGES, type Language } from '../language';
import { isStopWord, words } from '../faq/normalize';
import { ENGLISH_FUNCTION_WORDS } from '../languages/en';

let tinyld: typeof Tinyld | undefined;

/** tinyld builds its language models when loaded (a few hundred ms): on the first message that needs it, not at start. */
function detectAll(...args: Parameters<typeof Tinyld.detectAll>): ReturnType<typeof Tinyld.detectAll> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tinyld ??= require('tinyld') as typeof Tinyld;
  return tinyld.detectAll(...args);
}

/** Short texts are too ambiguous to switch language on ("code sms", "online"). */
const MIN_WORDS = 3;
/** tinyld's confidence needed to switch on the text alone. */
const MIN_CONFIDENCE = 0.5;

/** Function words of the conversation's language (and of no other) that show a text is written in it. */
const MIN_OWN_FUNCTION_WORDS = 2;

/** A function word of `lang` that is none of the bot's other languages' ("ich", "les", "della"; not "in"). */
function ownFunctionWord(word: string, lang: Language): boolean {
  return (
    isStopWord(lang, word) &&
    LANGUAGES.every((other) => other === lang || !isStopWord(other, words(word, other)[0] ?? word))
  );
}

/**
 * "Wo finde ich meine Police": two function words of German and none of French or Italian; such a text is
 * not clearly in another language, and tinyld (the costliest step of understanding it) need not be asked.
 */
function plainlyIn(text: string, lang: Language): boolean {
  let own = 0;
  for (const word of words(text, lang)) if (ownFunctionWord(word, lang)) own++;
  if (own < MIN_OWN_FUNCTION_WORDS) return false;
  return LANGUAGES.every(
    (other) => other === lang || !words(text, other).some((word) => ownFunctionWord(word, other)),
  );
}

/**
 * What tinyld makes of one message (restricted to de/fr/it), asked at most once: it is the costliest step
 * of a turn after matching, and a turn may need both answers below.
 */
export class LanguageGuesses {
  private guesses?: ReturnType<typeof detectAll>;

  constructor(private readonly text: string) {}

  /** The languages the text may be written in, most likely first. */
  likely(): Language[] {
    return this.all()
      .map((r) => r.lang)
      .filter((lang): lang is Language => (LANGUAGES as readonly string[]).includes(lang));
  }

  /** tinyld's score for each of de/fr/it it finds plausible, most likely first. */
  scores(): Array<{ lang: Language; score: number }> {
    return this.all()
      .filter((r) => (LANGUAGES as readonly string[]).includes(r.lang))
      .map((r) => ({ lang: r.lang as Language, score: r.accuracy }));
  }

  /**
   * The other language the message is clearly written in, or undefined to keep the current one.
   * Swiss German is German: it is detected as "de" or not clearly at all, and then the language stays.
   */
  clearlyOther(current: Language): Language | undefined {
    if (words(this.text, current).length < MIN_WORDS || plainlyIn(this.text, current)) return undefined;
    const [best] = this.all();
    if (!best || best.lang === current || best.accuracy < MIN_CONFIDENCE) return undefined;
    return best.lang as Language;
  }

  private all(): ReturnType<typeof detectAll> {
    this.guesses ??= detectAll(this.text, { only: [...LANGUAGES] });
    return this.guesses;
  }
}

/** Languages users write in that the bot does not speak; it then says which languages it speaks. */
export const UNSPOKEN_LANGUAGES = ['en'] as const;
export type UnspokenLanguage = (typeof UNSPOKEN_LANGUAGES)[number];
/** How many times likelier than the likeliest bot language an unspoken one must be. */
const UNSPOKEN_LEAD = 3;
/**
 * A short message nothing answered ("tax certificate please") is taken for English with at least this many
 * words, when the detector is this sure ("connect app crash" is jargon it is not sure of).
 */
const MIN_SHORT_WORDS = 2;
const SHORT_CERTAINTY = 0.5;
/** English function words a message must have: jargon ("connect sms code", "app crash android") is everyone's. */
const MIN_FUNCTION_WORDS = 1;

/**
 * The language the bot does not speak that a message is clearly written in ("How do I log in?" → "en"),
 * or undefined. Short messages ("login", "code sms") and mixed ones stay with the bot's languages, unless
 * `unanswered` (nothing in the bot's languages understood them) and surely English ("tax certificate please").
 */
export function unspokenLanguage(text: string, unanswered = false): UnspokenLanguage | undefined {
  const folded = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const short =
    folded.length < MIN_WORDS ||
    folded.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length < MIN_FUNCTION_WORDS;
  if (short && (!unanswered || folded.length < MIN_SHORT_WORDS)) return undefined;
  const guesses = detectAll(text, { only: [...LANGUAGES, ...UNSPOKEN_LANGUAGES] });
  const [best] = guesses;
  if (short && (best?.accuracy ?? 0) < SHORT_CERTAINTY) return undefined;
  const spoken = guesses.find((g) => (LANGUAGES as readonly string[]).includes(g.lang))?.accuracy ?? 0;
  if (!best || !(UNSPOKEN_LANGUAGES as readonly string[]).includes(best.lang)) return undefined;
  return best.accuracy >= UNSPOKEN_LEAD * spoken ? (best.lang as UnspokenLanguage) : undefined;
}
