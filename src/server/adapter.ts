import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { languageFromLocale } from '../faq/language';
import type { Translator } from '../i18n/translator';

/**
 * The Bot Framework adapter. Without MicrosoftAppId it runs in local mode, as the Bot Framework Emulator
 * expects; with it, every request must carry a valid Bot Framework token.
 */
export function createAdapter(
  config: Config,
  translator: Translator,
  log: (message: string) => void,
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The error's name and stack only: messages may quote user input.
    log(`turn failed: ${error.name}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`);
    const lang = languageFromLocale(context.activity.locale) ?? config.DEFAULT_LANGUAGE;
    await context.sendActivity(
      translator.t(lang, 'errors.turnFailed', { phone: translator.t(lang, 'support.phone') }),
    );
  };
  return adapter;
}
