import type { Config } from './config';
import type { BotServices, FaqSource } from './dialogs/services';
import { FaqIndex } from './faq/faqIndex';
import { loadFaq } from './faq/loader';
import { loadTranslator } from './i18n/translator';
import { PhraseBook } from './nlu/phrases';

export function thresholdsOf(config: Config) {
  return {
    answer: config.MATCH_ANSWER_THRESHOLD,
    margin: config.MATCH_MARGIN,
    ambiguous: config.MATCH_AMBIGUOUS_THRESHOLD,
  };
}

/** Loads content and UI strings; throws (and the bot does not start) if either is invalid. */
export function createBotServices(config: Config): BotServices {
  const index = new FaqIndex(loadFaq(config.FAQ_DIR), thresholdsOf(config));
  const faq: FaqSource = { current: () => index };
  const translator = loadTranslator(config.LOCALES_DIR);
  return {
    faq,
    translator,
    phrases: new PhraseBook(translator),
    settings: {
      defaultLanguage: config.DEFAULT_LANGUAGE,
      brand: { de: config.BRAND_NAME_DE, fr: config.BRAND_NAME_FR, it: config.BRAND_NAME_IT },
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
    },
  };
}
