import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import { HelpBot } from '../../src/bot/helpBot';
import { loadConfig } from '../../src/config';
import type { ButtonValue } from '../../src/dialogs/buttonValue';
import { factsIn } from '../../src/faq/content';
import type { BotServices } from '../../src/dialogs/services';
import type { Language } from '../../src/language';
import { createActionServices, createBotServices } from '../../src/services';
import { offlineActionDependencies } from './backendDown';
import { keepPhoneNumbersTogether } from '../../src/i18n/phoneNumbers';

let services: BotServices | undefined;

/** The services the bot runs with by default: shipped faq/ and locales/ (loaded once per test file). */
export function defaultServices(): BotServices {
  const config = loadConfig({});
  services ??= createBotServices(config, createActionServices(config, offlineActionDependencies()));
  return services;
}

/** A UI string; fails loudly if the key is missing (i18next would return the key itself). */
export function ui(lang: Language, key: string, options?: Record<string, unknown>): string {
  const text = defaultServices().translator.t(lang, key, options);
  if (!text || text === key) throw new Error(`no UI string "${key}" in ${lang}`);
  return text;
}

/** The beginning of a UI string, before its first placeholder: enough to recognise it. */
export const opening = (lang: Language, key: string) => ui(lang, key).split('{{')[0]!.trim();

/** The support contacts of a language (faq/facts.yaml), as the bot's messages give them (the phone unbreakable). */
export function supportContacts(lang: Language): { phone: string; email: string } {
  const { phone, email } = factsIn(defaultServices().faq.current().faq.facts, lang);
  return { phone: keepPhoneNumbersTogether(phone), email };
}

/** What runs a turn: the HelpBot. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** The bot with the shipped content, an offline backend and its own in-memory storage. */
export function offlineBot(botServices: BotServices = defaultServices()): TurnHandler {
  return new HelpBot(botServices, new ConversationState(new MemoryStorage()));
}

/**
 * One conversation with the real bot through botbuilder's TestAdapter, in a channel whose locale is
 * `locale`. Each call is one turn and returns the bot's replies to it. Conversations with different ids
 * on one bot share its storage, as two chats of one deployment do.
 */
export class TestConversation {
  private readonly adapter: TestAdapter;

  constructor(
    readonly locale: string,
    bot: TurnHandler = offlineBot(),
    conversationId = 'Convo1',
  ) {
    this.adapter = new TestAdapter(async (context) => bot.run(context));
    this.adapter.conversation.conversation = {
      ...this.adapter.conversation.conversation,
      id: conversationId,
    };
  }

  /** The user's message: text, or any activity fields (value, attachments). */
  async send(message: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const fields = typeof message === 'string' ? { text: message } : message;
    await this.adapter.processActivity({ type: ActivityTypes.Message, locale: this.locale, ...fields });
    return this.replies();
  }

  /** The user presses a button: a messageBack carrying its value, shown as its title. */
  press(value: ButtonValue, title?: string): Promise<Partial<Activity>[]> {
    return this.send({ text: title, value });
  }

  /** The channel announces members joining (by default the user and the bot, as Web Chat does). */
  async join(who: 'user-and-bot' | 'bot-only' = 'user-and-bot'): Promise<Partial<Activity>[]> {
    const { user, bot } = this.adapter.conversation;
    if (!user || !bot) throw new Error('the TestAdapter has no user or bot account');
    await this.adapter.processActivity({
      type: ActivityTypes.ConversationUpdate,
      locale: this.locale,
      membersAdded: who === 'bot-only' ? [bot] : [user, bot],
    });
    return this.replies();
  }

  private replies(): Partial<Activity>[] {
    const replies: Partial<Activity>[] = [];
    for (let reply = this.adapter.getNextReply(); reply; reply = this.adapter.getNextReply())
      replies.push(reply);
    return replies;
  }
}
