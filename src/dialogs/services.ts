import type { FaqIndex } from '../faq/faqIndex';
import type { Language } from '../faq/language';
import type { Translator } from '../i18n/translator';
import type { ActionRequests } from '../nlu/actionRequests';
import type { PhraseBook } from '../nlu/phrases';
import type { ActionServices } from './actions/actionServices';

/** The FAQ in force now: content can be replaced while the bot runs. */
export interface FaqSource {
  current(): FaqIndex;
}

export interface ConversationSettings {
  defaultLanguage: Language;
  brand: Readonly<Record<Language, string>>;
  maxMessageLength: number;
}

/** What the dialogs need from the rest of the application. */
export interface BotServices {
  faq: FaqSource;
  translator: Translator;
  phrases: PhraseBook;
  actionRequests: ActionRequests;
  settings: ConversationSettings;
  actions: ActionServices;
}
