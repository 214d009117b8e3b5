import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { languageFromLocale, type Language } from '../faq/language';
import type { MatchOutcome } from '../faq/matcher';
import { clearlyOtherLanguage, likelyLanguages } from '../nlu/languageDetection';
import type { ConversationIntent } from '../nlu/phrases';
import type { ButtonValue } from './buttonValue';
import type { ConversationData } from './conversationData';
import { Replies } from './replies';
import type { BotServices } from './services';
import { readUserInput } from './userInput';

export const ROOT_DIALOG = 'root';

/**
 * Routes every turn of a conversation: commands, language changes, buttons and FAQ questions.
 * It never ends, so each turn comes back here.
 */
export class RootDialog extends ComponentDialog {
  constructor(
    private readonly services: BotServices,
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
  ) {
    super(ROOT_DIALOG);
  }

  /** Runs one turn: continues the conversation or starts it. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** The conversation's language: chosen before, else the channel's locale, else the configured default. */
  async language(context: TurnContext): Promise<Language> {
    const data = await this.conversationData.get(context, {});
    data.lang ??= languageFromLocale(context.activity.locale) ?? this.services.settings.defaultLanguage;
    return data.lang;
  }

  private async setLanguage(context: TurnContext, lang: Language): Promise<void> {
    const data = await this.conversationData.get(context, {});
    data.lang = lang;
  }

  protected override async onBeginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  private async onTurn(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    const replies = new Replies(this.services, await this.language(context));
    const input = readUserInput(context.activity, this.services.settings.maxMessageLength);
    switch (input.kind) {
      case 'text':
        await this.onText(dc, input.text);
        break;
      case 'button':
        await this.onButton(dc, input.value);
        break;
      case 'too-long':
        await context.sendActivity(replies.tooLong(input.max));
        break;
      case 'empty':
        await context.sendActivity(replies.say('input.empty'));
        break;
      case 'attachment-only':
        await context.sendActivity(replies.say('input.attachment'));
        break;
      case 'invalid-button':
        await context.sendActivity(replies.say('input.unknownButton'));
        break;
    }
    return Dialog.EndOfTurn;
  }

  private async onButton(dc: DialogContext, value: ButtonValue): Promise<void> {
    const { context } = dc;
    const replies = new Replies(this.services, await this.language(context));
    switch (value.kind) {
      case 'faq': {
        const entry = this.services.faq.current().entry(value.id);
        await send(context, entry ? replies.answer(entry) : [replies.say('input.unknownButton')]);
        return;
      }
      case 'category':
        await context.sendActivity(replies.categoryQuestions(value.id));
        return;
      case 'language':
        await this.switchLanguage(context, value.lang);
        return;
      case 'none-of-these':
        await context.sendActivity(replies.noneOfThese());
        return;
      case 'topics':
        await context.sendActivity(replies.topics());
        return;
      case 'help':
        await context.sendActivity(replies.help());
        return;
      case 'action':
        await context.sendActivity(replies.say('input.unknownButton'));
        return;
    }
  }

  private async switchLanguage(context: TurnContext, lang: Language): Promise<void> {
    await this.setLanguage(context, lang);
    const replies = new Replies(this.services, lang);
    await send(context, [replies.say('language.switched'), replies.topics()]);
  }

  private async onText(dc: DialogContext, text: string): Promise<void> {
    const { context } = dc;
    let lang = await this.language(context);
    const understood = this.services.phrases.understand(text, lang);
    if (understood?.kind === 'switch-language') return this.switchLanguage(context, understood.lang);
    if (understood?.exact) return this.onIntent(dc, understood.kind);

    const other = clearlyOtherLanguage(text, lang);
    if (other) {
      lang = other;
      await this.setLanguage(context, lang);
    }
    let outcome = this.services.faq.current().matchQuestion(text, lang);
    if (outcome.kind !== 'answer') {
      const switched = this.answerInAnotherLanguage(text, lang);
      if (switched) {
        [lang, outcome] = switched;
        await this.setLanguage(context, lang);
      }
    }
    const replies = new Replies(this.services, lang);
    if (outcome.kind === 'answer') {
      const entry = this.services.faq.current().entry(outcome.id);
      if (entry) return send(context, replies.answer(entry));
    }
    const intent = this.services.phrases.understand(text, lang);
    if (intent && intent.kind !== 'switch-language') return this.onIntent(dc, intent.kind);
    await context.sendActivity(
      outcome.kind === 'ambiguous' ? replies.didYouMean(outcome.candidates) : replies.fallback(),
    );
  }

  /** A confident answer in another of the three languages, when the text looks written in it. */
  private answerInAnotherLanguage(text: string, current: Language): [Language, MatchOutcome] | undefined {
    const [likely] = likelyLanguages(text);
    if (!likely || likely === current) return undefined;
    const outcome = this.services.faq.current().matchQuestion(text, likely);
    return outcome.kind === 'answer' ? [likely, outcome] : undefined;
  }

  private async onIntent(dc: DialogContext, intent: ConversationIntent): Promise<void> {
    const { context } = dc;
    const replies = new Replies(this.services, await this.language(context));
    switch (intent) {
      case 'greeting':
      case 'thanks':
      case 'goodbye':
      case 'human':
        await context.sendActivity(replies.say(`smalltalk.${intent}`));
        return;
      case 'help':
        await context.sendActivity(replies.help());
        return;
      case 'topics':
        await context.sendActivity(replies.topics());
        return;
      case 'cancel': {
        const active = dc.activeDialog !== undefined;
        if (active) await dc.cancelAllDialogs();
        await context.sendActivity(replies.say(active ? 'cancel.done' : 'cancel.nothing'));
        return;
      }
      case 'restart':
        await dc.cancelAllDialogs();
        await send(context, [replies.say('restart.done'), ...replies.welcome().slice(1)]);
        return;
    }
  }
}

async function send(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
  await context.sendActivities(activities);
}
