import { ACTION_IDS, type ActionId } from '../faq/content';
import { LANGUAGES, type Language } from '../faq/language';
import { Matcher } from '../faq/matcher';
import type { Translator } from '../i18n/translator';

/** The locale key of each action's request phrases ("schicken Sie mir einen Code per SMS"). */
const PHRASE_KEYS: Record<ActionId, string> = {
  'request-code': 'phrases.requestCode',
  'switch-login-steps': 'phrases.switchLoginSteps',
  'tax-certificate': 'phrases.taxCertificate',
};

/** Recognises a direct request to run an action, with the same matcher as FAQ questions. */
export class ActionRequests {
  private readonly matchers: Record<Language, Matcher>;

  constructor(translator: Translator) {
    this.matchers = Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        new Matcher(
          ACTION_IDS.map((id) => ({ id, phrasings: translator.list(lang, PHRASE_KEYS[id]) })),
          lang,
        ),
      ]),
    ) as Record<Language, Matcher>;
  }

  /** The action the text asks for and how sure that is, or undefined. */
  detect(text: string, lang: Language): { action: ActionId; score: number } | undefined {
    const outcome = this.matchers[lang].matchQuestion(text);
    return outcome.kind === 'answer' ? { action: outcome.id as ActionId, score: outcome.score } : undefined;
  }
}
