import { detectAll } from 'tinyld';
import { LANGUAGES, type Language } from '../language';
import { words } from '../faq/normalize';

/** Short texts are too ambiguous to switch language on ("code sms", "online"). */
const MIN_WORDS = 3;
/** tinyld's confidence needed to switch on the text alone. */
const MIN_CONFIDENCE = 0.5;

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
    if (words(this.text, current).length < MIN_WORDS) return undefined;
    const [best] = this.all();
    if (!best || best.lang === current || best.accuracy < MIN_CONFIDENCE) return undefined;
    return best.lang as Language;
  }

  private all(): ReturnType<typeof detectAll> {
    this.guesses ??= detectAll(this.text, { only: [...LANGUAGES] });
    return this.guesses;
  }
}
