import { LANGUAGES, type Language } from '../language';
import { words } from '../faq/normalize';
import type { Translator } from '../i18n/translator';

/** What the bot understands besides FAQ questions. */
export const CONVERSATION_INTENTS = [
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'human',
  'cancel',
  'restart',
  'topics',
] as const;
export type ConversationIntent = (typeof CONVERSATION_INTENTS)[number];

export type Understood =
  { kind: 'switch-language'; lang: Language } | { kind: ConversationIntent; exact: boolean };

/** Messages longer than this are questions, not commands, even if they contain a command word. */
const MAX_COMMAND_WORDS = 5;

const folded = (text: string, lang: Language): string => ` ${words(text, lang).join(' ')} `;

/**
 * Recognises commands, small talk and language requests by their phrases in locales/. "exact" means the
 * whole message is the phrase; otherwise the phrase is part of a short message and a confident FAQ
 * answer should win.
 */
export class PhraseBook {
  private readonly phrases: Record<Language, Array<{ intent: ConversationIntent; phrase: string }>>;
  private readonly languageNames: Array<{ lang: Language; phrase: string }>;

  constructor(translator: Translator) {
    this.phrases = Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        CONVERSATION_INTENTS.flatMap((intent) =>
          translator.list(lang, `phrases.${intent}`).map((p) => ({ intent, phrase: folded(p, lang) })),
        ),
      ]),
    ) as PhraseBook['phrases'];
    // A language is asked for in any language ("italiano", "auf Italienisch"): fold without German's ae/oe/ue rule.
    this.languageNames = LANGUAGES.flatMap((lang) =>
      translator.list(lang, 'phrases.switchToThisLanguage').map((p) => ({ lang, phrase: folded(p, 'fr') })),
    );
  }

  /**
   * Longer messages are questions, not commands; `anyLength` is for messages no FAQ entry answered, where
   * only a request for a person still counts ("Ich möchte bitte mit einem Menschen sprechen").
   */
  understand(text: string, lang: Language, { anyLength = false } = {}): Understood | undefined {
    const wordCount = words(text, lang).length;
    if (wordCount === 0) return undefined;
    if (wordCount > MAX_COMMAND_WORDS) {
      const found = anyLength ? this.longestMatch(this.phrases[lang], folded(text, lang)) : undefined;
      return found?.intent === 'human' ? { kind: 'human', exact: false } : undefined;
    }
    const asLanguageRequest = folded(text, 'fr');
    const language = this.longestMatch(this.languageNames, asLanguageRequest);
    if (language) return { kind: 'switch-language', lang: language.lang };
    const message = folded(text, lang);
    const found = this.longestMatch(this.phrases[lang], message);
    return found && { kind: found.intent, exact: found.phrase === message };
  }

  private longestMatch<T extends { phrase: string }>(list: readonly T[], message: string): T | undefined {
    return list
      .filter((item) => message.includes(item.phrase))
      .sort((a, b) => b.phrase.length - a.phrase.length)[0];
  }
}
