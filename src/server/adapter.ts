import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { languageFromLocale } from '../language';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../observability/logger';
import { ReusedClientsAuthentication } from './reusedClients';

/**
 * The Bot Framework adapter. Without MicrosoftAppId it runs in local mode, as the Bot Framework Emulator
 * expects; with it, every request must carry a valid Bot Framework token.
 */
export function createAdapter(config: Config, translator: Translator, logger: Logger): CloudAdapter {
  const auth = new ReusedClientsAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The logger masks personal data a message may quote from user input.
    logger.error({ err: error }, 'turn failed');
    const lang = languageFromLocale(context.activity.locale) ?? config.DEFAULT_LANGUAGE;
    await context.sendActivity(translator.t(lang, 'errors.turnFailed'));
  };
  return adapter;
}
