import { randomBytes } from 'node:crypto';
import { thresholdsOf, type Config } from './config';
import type { ActionServices } from './dialogs/actions/actionServices';
import type { DocumentLinks, SelfServiceBackend } from './dialogs/actions/ports';
import type { BotServices, FaqSource, InterpreterSource } from './dialogs/services';
import { FaqIndex } from './faq/faqIndex';
import { factsIn } from './faq/content';
import { loadFaq } from './faq/loader';
import { loadTranslator } from './i18n/translator';
import type { Interpreter } from './nlu/interpreter';
import { loadInterpreter } from './nlu/phrasesWatcher';
import type { ExpiringStore } from './security/expiringStore';
import { IdentityGuard } from './security/identityGuard';
import { SecretBox } from './security/secretBox';
import { SupportRequestLimits } from './security/supportRequestLimits';

function fixedFaq(index: FaqIndex): FaqSource {
  return { current: () => index };
}

export interface ActionDependencies {
  backend: SelfServiceBackend;
  store: ExpiringStore;
  links: DocumentLinks;
  now?: () => number;
  onLockout?: () => void;
  /** The box the download links seal with; one from the state secret if absent. */
  box?: SecretBox;
}

/** The secret for hashes and encryption; one instance alone may do with a random one per process. */
export function stateSecret(config: Config): string {
  return config.STATE_SECRET ?? randomBytes(32).toString('base64url');
}

export function createActionServices(config: Config, deps: ActionDependencies): ActionServices {
  const box = deps.box ?? new SecretBox(stateSecret(config));
  return {
    backend: deps.backend,
    guard: new IdentityGuard(deps.store, box, deps.onLockout),
    box,
    supportLimits: new SupportRequestLimits(deps.store, box),
    links: deps.links,
    now: deps.now ?? Date.now,
  };
}

/**
 * Loads content (FAQ and phrases) and UI strings; throws (and the bot does not start) if either is invalid. The content is
 * loaded once unless live sources (the content watchers) are given; `insights` records what users ask.
 */
export function createBotServices(
  config: Config,
  actions: ActionServices,
  parts: Partial<Pick<BotServices, 'faq' | 'interpreter' | 'insights'>> = {},
): BotServices {
  const faq: FaqSource = parts.faq ?? fixedFaq(new FaqIndex(loadFaq(config.FAQ_DIR), thresholdsOf(config)));
  const fixedInterpreter = (interpreter: Interpreter): InterpreterSource => ({ current: () => interpreter });
  const translator = loadTranslator(config.LOCALES_DIR, (lang) => factsIn(faq.current().faq.facts, lang));
  return {
    faq,
    insights: parts.insights,
    translator,
    interpreter: parts.interpreter ?? fixedInterpreter(loadInterpreter(config.FAQ_DIR)),
    actions,
    settings: {
      defaultLanguage: config.DEFAULT_LANGUAGE,
      brand: { de: config.BRAND_NAME_DE, fr: config.BRAND_NAME_FR, it: config.BRAND_NAME_IT },
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
    },
  };
}
