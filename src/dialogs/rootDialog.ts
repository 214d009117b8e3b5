import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { ACTION_IDS, type ActionId, type FaqEntry } from '../faq/content';
import { languageFromLocale, type Language } from '../language';
import type { MatchOutcome } from '../faq/matcher';
import { words } from '../faq/normalize';
import { parseYearIn } from '../nlu/choices';
import { LanguageGuesses, unspokenLanguage } from '../nlu/languageDetection';
import type { ConversationIntent } from '../nlu/phrases';
import type { ActionDeps } from './actions/actionDeps';
import { RequestCodeDialog } from './actions/requestCodeDialog';
import { SwitchLoginStepsDialog } from './actions/switchLoginStepsDialog';
import { TaxCertificateDialog, type TaxCertificateOptions } from './actions/taxCertificateDialog';
import { VerifiedSessions } from './actions/verifiedSessions';
import type { ButtonValue } from './buttonValue';
import type { ConversationData } from './conversationData';
import { Replies } from './replies';
import type { BotServices } from './services';
import { readUserInput } from './userInput';

export const ROOT_DIALOG = 'root';

/** Answers to a running action's question are short or carry digits ("SMS", "KPT12345678", "2024"). */
const MAX_FLOW_ANSWER_WORDS = 3;

/**
 * Routes every turn of a conversation: commands, language changes, buttons, FAQ questions and the
 * self-service actions, which run as child dialogs. It never ends, so each turn comes back here.
 */
export class RootDialog extends ComponentDialog {
  private readonly sessions: VerifiedSessions;

  constructor(
    private readonly services: BotServices,
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
  ) {
    super(ROOT_DIALOG);
    this.sessions = new VerifiedSessions(conversationData, services.actions.box, services.actions.now);
    const deps: ActionDeps = {
      services,
      actions: services.actions,
      sessions: this.sessions,
      languageOf: (context) => this.language(context),
    };
    this.addDialog(new RequestCodeDialog(deps))
      .addDialog(new SwitchLoginStepsDialog(deps))
      .addDialog(new TaxCertificateDialog(deps));
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

  private async replies(context: TurnContext): Promise<Replies> {
    return new Replies(this.services, await this.language(context));
  }

  protected override async onBeginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc);
  }

  private async onTurn(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    await this.sessions.touch(context);
    const replies = await this.replies(context);
    const input = readUserInput(context.activity, this.services.settings.maxMessageLength);
    switch (input.kind) {
      case 'text':
        await (this.runningAction(dc)
          ? this.onTextDuringAction(dc, input.text)
          : this.onText(dc, input.text));
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

  /** The self-service action in progress, if any. */
  private runningAction(dc: DialogContext): ActionId | undefined {
    const id = dc.activeDialog?.id;
    return (ACTION_IDS as readonly string[]).includes(id ?? '') ? (id as ActionId) : undefined;
  }

  /** After answering something else in the middle of an action, offer to go on with it. */
  private async offerToResume(dc: DialogContext): Promise<void> {
    const action = this.runningAction(dc);
    if (!action) return;
    const replies = await this.replies(dc.context);
    await dc.context.sendActivity(replies.resume(replies.t(`actions.${action}.name`)));
  }

  private async startAction(
    dc: DialogContext,
    action: ActionId,
    options?: TaxCertificateOptions,
  ): Promise<void> {
    await dc.cancelAllDialogs();
    await dc.beginDialog(action, options);
  }

  private async onButton(dc: DialogContext, value: ButtonValue): Promise<void> {
    const { context } = dc;
    const replies = await this.replies(context);
    switch (value.kind) {
      case 'choice':
        if (this.runningAction(dc)) await dc.continueDialog();
        else await context.sendActivity(replies.say('input.unknownButton'));
        return;
      case 'resume':
        if (this.runningAction(dc)) await dc.repromptDialog();
        else await context.sendActivity(replies.say('cancel.nothing'));
        return;
      case 'cancel':
        return this.onIntent(dc, 'cancel');
      case 'action':
        return this.startAction(dc, value.id);
      case 'faq': {
        const entry = this.services.faq.current().entry(value.id);
        await this.send(
          context,
          entry
            ? replies.answer(entry, this.actionTitle(replies, entry))
            : [replies.say('input.unknownButton')],
        );
        break;
      }
      case 'category':
        await context.sendActivity(replies.categoryQuestions(value.id));
        break;
      case 'language':
        await this.switchLanguage(context, value.lang);
        break;
      case 'none-of-these':
        await context.sendActivity(replies.noneOfThese());
        break;
      case 'topics':
        await context.sendActivity(replies.topics());
        break;
      case 'help':
        await context.sendActivity(replies.help());
        break;
      case 'feedback': {
        const known = this.services.faq.current().entry(value.id) !== undefined;
        if (known) this.services.insights?.feedback(replies.lang, value.id, value.helpful);
        await context.sendActivity(
          known ? replies.feedbackReceived(value.helpful) : replies.say('input.unknownButton'),
        );
        break;
      }
    }
    await this.offerToResume(dc);
  }

  private actionTitle(replies: Replies, entry: FaqEntry): string | undefined {
    return entry.action && replies.t(`actions.${entry.action}.button`);
  }

  private async send(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
    await context.sendActivities(activities);
  }

  private async switchLanguage(context: TurnContext, lang: Language): Promise<void> {
    await this.setLanguage(context, lang);
    const replies = new Replies(this.services, lang);
    await this.send(context, [replies.say('language.switched'), replies.topics()]);
  }

  /**
   * In the middle of an action: commands still work, and a clear FAQ question gets its answer with an
   * offer to go on; anything else is the answer to the action's question.
   */
  private async onTextDuringAction(dc: DialogContext, text: string): Promise<void> {
    const { context } = dc;
    const lang = await this.language(context);
    const understood = this.services.phrases.understand(text, lang);
    if (understood?.kind === 'switch-language') {
      await this.switchLanguage(context, understood.lang);
      return this.offerToResume(dc);
    }
    if (understood?.exact) return this.onIntent(dc, understood.kind);
    const looksLikeAnswer = /\d/.test(text) || words(text, lang).length <= MAX_FLOW_ANSWER_WORDS;
    if (!looksLikeAnswer) {
      const outcome = this.services.faq.current().matchQuestion(text, lang);
      const entry = outcome.kind === 'answer' ? this.services.faq.current().entry(outcome.id) : undefined;
      if (entry) {
        this.services.events?.faqOutcome(lang, 'answered');
        this.services.insights?.question(lang, text, outcome);
        await this.send(context, (await this.replies(context)).answer(entry));
        return this.offerToResume(dc);
      }
    }
    await dc.continueDialog();
  }

  private async onText(dc: DialogContext, text: string): Promise<void> {
    const { context } = dc;
    let lang = await this.language(context);
    const understood = this.services.phrases.understand(text, lang);
    if (understood?.kind === 'switch-language') return this.switchLanguage(context, understood.lang);
    if (understood?.exact) return this.onIntent(dc, understood.kind);
    // Never a German answer to an English question: say which languages the bot speaks.
    if (unspokenLanguage(text)) {
      await context.sendActivity((await this.replies(context)).unspokenLanguage());
      return;
    }

    const guesses = new LanguageGuesses(text);
    const other = guesses.clearlyOther(lang);
    if (other) {
      lang = other;
      await this.setLanguage(context, lang);
    }
    let outcome = this.services.faq.current().matchQuestion(text, lang);
    if (outcome.kind !== 'answer') {
      const switched = this.answerInAnotherLanguage(text, guesses, lang);
      if (switched) {
        [lang, outcome] = switched;
        await this.setLanguage(context, lang);
      }
    }
    const request = this.services.actionRequests.detect(text, lang);
    // "Wie kann ich …" gets the FAQ answer (with the action's button); "ich möchte …" gets the action.
    if (request && (request.wished || outcome.kind !== 'answer' || request.score > outcome.score)) {
      return this.startAction(dc, request.action, { year: this.yearIn(text, lang) });
    }
    const replies = new Replies(this.services, lang);
    if (outcome.kind === 'answer') {
      const entry = this.services.faq.current().entry(outcome.id);
      if (entry) {
        this.services.events?.faqOutcome(lang, 'answered');
        this.services.insights?.question(lang, text, outcome);
        return this.send(context, replies.answer(entry, this.actionTitle(replies, entry)));
      }
    }
    const intent = this.services.phrases.understand(text, lang, { anyLength: true });
    if (intent && intent.kind !== 'switch-language') return this.onIntent(dc, intent.kind);
    this.services.events?.faqOutcome(lang, outcome.kind === 'ambiguous' ? 'ambiguous' : 'fallback');
    this.services.insights?.question(lang, text, outcome);
    await context.sendActivity(
      outcome.kind === 'ambiguous' ? replies.didYouMean(outcome.candidates) : replies.fallback(),
    );
  }

  private yearIn(text: string, lang: Language): number | undefined {
    const currentYear = new Date(this.services.actions.now()).getFullYear();
    return parseYearIn(this.services.translator, text, lang, currentYear);
  }

  /** A confident answer in another of the three languages, when the text looks written in it. */
  private answerInAnotherLanguage(
    text: string,
    guesses: LanguageGuesses,
    current: Language,
  ): [Language, MatchOutcome] | undefined {
    const [likely] = guesses.likely();
    if (!likely || likely === current) return undefined;
    const outcome = this.services.faq.current().matchQuestion(text, likely);
    return outcome.kind === 'answer' ? [likely, outcome] : undefined;
  }

  private async onIntent(dc: DialogContext, intent: ConversationIntent): Promise<void> {
    const { context } = dc;
    const replies = await this.replies(context);
    switch (intent) {
      case 'cancel': {
        const running = this.runningAction(dc) !== undefined;
        if (running) await dc.cancelAllDialogs();
        await context.sendActivity(replies.say(running ? 'cancel.done' : 'cancel.nothing'));
        return;
      }
      case 'restart':
        await dc.cancelAllDialogs();
        await this.send(context, [replies.say('restart.done'), ...replies.welcome().slice(1)]);
        return;
      case 'greeting':
      case 'thanks':
      case 'goodbye':
      case 'human':
        await context.sendActivity(replies.say(`smalltalk.${intent}`));
        break;
      case 'help':
        await context.sendActivity(replies.help());
        break;
      case 'topics':
        await context.sendActivity(replies.topics());
        break;
    }
    await this.offerToResume(dc);
  }
}
