import { ACTION_IDS, type ActionId } from '../faq/content';
import { LANGUAGES, type Language } from '../language';
import { Matcher } from '../faq/matcher';
import { words } from '../faq/normalize';
import type { Translator } from '../i18n/translator';

/** The locale key of each action's request phrases ("schicken Sie mir einen Code per SMS"). */
const PHRASE_KEYS: Record<ActionId, string> = {
  'request-code': 'phrases.requestCode',
  'switch-login-steps': 'phrases.switchLoginSteps',
  'tax-certificate': 'phrases.taxCertificate',
};

/** A recognised request to run an action. */
export interface ActionRequest {
  action: ActionId;
  score: number;
  /** Said as a wish ("ich möchte …", "je veux …", "mi serve …") rather than asked as a how-to question. */
  wished: boolean;
}

/** Recognises a direct request to run an action, with the same matcher as FAQ questions. */
export class ActionRequests {
  private readonly matchers: Record<Language, Matcher>;
  private readonly wishes: Record<Language, string[][]>;

  constructor(translator: Translator) {
    this.wishes = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, translator.list(lang, 'phrases.wish').map((w) => words(w, lang))]),
    ) as Record<Language, string[][]>;
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
  detect(text: string, lang: Language): ActionRequest | undefined {
    const outcome = this.matchers[lang].matchQuestion(text);
    if (outcome.kind !== 'answer') return undefined;
    return { action: outcome.id as ActionId, score: outcome.score, wished: this.isWish(text, lang) };
  }

  private isWish(text: string, lang: Language): boolean {
    const said = ` ${words(text, lang).join(' ')} `;
    return this.wishes[lang].some((wish) => said.includes(` ${wish.join(' ')} `));
  }
}
