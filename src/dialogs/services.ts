import type { SupportReason } from '../actions/supportRequests';
import type { SuggestionSource } from '../insights/events';
import type { FaqIndex } from '../faq/faqIndex';
import type { Language } from '../language';
import type { MatchOutcome } from '../faq/matcher';
import type { Translator } from '../i18n/translator';
import type { Interpreter } from '../nlu/interpreter';
import type { ActionServices } from './actions/actionServices';

/** The FAQ in force now: content can be replaced while the bot runs. */
export interface FaqSource {
  current(): FaqIndex;
}

/** The interpreter of the phrases in force now (faq/phrases.yaml can be edited while the bot runs). */
export interface InterpreterSource {
  current(): Interpreter;
}

export interface ConversationSettings {
  defaultLanguage: Language;
  brand: Readonly<Record<Language, string>>;
  maxMessageLength: number;
}

/** What the dialogs report for monitoring (metrics); absent where nobody watches (most tests). */
export interface BotEvents {
  faqOutcome(lang: Language, outcome: 'answered' | 'ambiguous' | 'fallback'): void;
  /** A support request reached the web support. */
  supportRequest(lang: Language, reason: SupportReason): void;
}

/**
 * Where the dialogs record what users ask and how they rate answers, for support staff's report
 * (src/insights). Recording never holds up a turn. Absent where nobody reads it (most tests).
 */
export interface InsightLog {
  question(lang: Language, text: string, outcome: MatchOutcome): void;
  feedback(lang: Language, entryId: string, helpful: boolean): void;
  /** A wording the bot missed and the entry that turned out to answer it (src/dialogs/suggestionObserver.ts). */
  suggestion(lang: Language, entryId: string, text: string, source: SuggestionSource): void;
  /** A support request was sent; `entryIds`: the entries of its summary. */
  supportRequest(lang: Language, reason: SupportReason, entryIds: readonly string[]): void;
}

/** What the dialogs need from the rest of the application. */
export interface BotServices {
  faq: FaqSource;
  translator: Translator;
  interpreter: InterpreterSource;
  settings: ConversationSettings;
  actions: ActionServices;
  events?: BotEvents;
  insights?: InsightLog;
}
