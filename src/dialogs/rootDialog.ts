import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext, DialogStateManagerConfiguration, DialogTurnResult } from 'botbuilder-dialogs';
import { ACTION_IDS, type ActionId } from '../actions/catalog';
import type { FaqEntry } from '../faq/content';
import { languageFromLocale, type Language } from '../language';
import type { Interpretation } from '../nlu/interpreter';
import { unspokenLanguage } from '../nlu/languageDetection';
import type { Command } from '../nlu/phraseContent';
import { aboutStepOf, STEP_TOPICS_OF } from '../nlu/stepAnswers';
import type { ActionDeps, ActionOptions } from './actions/actionDeps';
import { ACTION_DIALOGS } from './actions/registry';
import { handAnswer, waitingStep } from './actions/stepPrompt';
import { VerifiedSessions } from './actions/verifiedSessions';
import type { ButtonValue } from './buttonValue';
import type { ConversationData } from './conversationData';
import { ConversationHistory } from './conversationHistory';
import { ComponentDialog, Dialog, DialogSet, DialogTurnStatus } from './dialogLibrary';
import { Replies } from './replies';
import type { BotServices } from './services';
import { TypedButtons } from './typedButtons';
import { readUserInput } from './userInput';

export const ROOT_DIALOG = 'root';

/** Where botbuilder-dialogs' DialogStateManager looks for its configuration in the turn state. */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * Routes every turn of a conversation on what the interpreter made of it (src/nlu/interpreter.ts): commands,
 * language changes, buttons, FAQ questions and the self-service actions, which run as child dialogs. It
 * never ends, so each turn comes back here.
 */
export class RootDialog extends ComponentDialog {
  private readonly sessions: VerifiedSessions;
  private readonly history: ConversationHistory;
  private readonly typedButtons: TypedButtons;
  /** The dialog memory scopes: the same every turn, so made once (as DialogManager does), not per turn. */
  private memoryScopes?: DialogStateManagerConfiguration;
  /** The set the root runs in (its own children are in `dialogs`). */
  private outerSet?: { state: StatePropertyAccessor; set: DialogSet };

  constructor(
    private readonly services: BotServices,
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
  ) {
    super(ROOT_DIALOG);
    this.sessions = new VerifiedSessions(conversationData, services.actions.box, services.actions.now);
    this.history = new ConversationHistory(conversationData);
    this.typedButtons = new TypedButtons(services.translator);
    const deps: ActionDeps = {
      services,
      actions: services.actions,
      sessions: this.sessions,
      history: this.history,
      languageOf: (context) => this.language(context),
    };
    for (const id of ACTION_IDS) this.addDialog(ACTION_DIALOGS[id](deps));
  }

  /** Runs one turn: continues the conversation or starts it. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    if (this.memoryScopes) context.turnState.set(STATE_MANAGER_CONFIGURATION, this.memoryScopes);
    // The set holds only this dialog and the state accessor, nothing of a turn: made once per accessor.
    if (this.outerSet?.state !== dialogState) {
      this.outerSet = { state: dialogState, set: new DialogSet(dialogState).add(this) };
    }
    const dc = await this.outerSet.set.createContext(context);
    this.memoryScopes ??= dc.state.configuration;
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

  /** The self-service action in progress, if any. */
  private runningAction(dc: DialogContext): ActionId | undefined {
    const id = dc.activeDialog?.id;
    return (ACTION_IDS as readonly string[]).includes(id ?? '') ? (id as ActionId) : undefined;
  }

  /** After answering something else in the middle of an action: its question again, to go on. */
  private async offerToResume(dc: DialogContext): Promise<void> {
    const action = this.runningAction(dc);
    if (!action) return;
    const replies = await this.replies(dc.context);
    await dc.context.sendActivity(
      replies.say('actions.back', { action: replies.t(`actions.${action}.name`) }),
    );
    await dc.repromptDialog();
  }

  /** `asked`: the person's words (or the button's title), kept for a later support request's summary. */
  private async startAction(
    dc: DialogContext,
    action: ActionId,
    asked: string | undefined,
    options: ActionOptions = {},
  ): Promise<void> {
    // Noted as not completed until it is (conversationHistory.ts); a support request is no question.
    if (asked && action !== 'support-request') await this.history.note(dc.context, asked, 'action-failed');
    await dc.cancelAllDialogs();
    await dc.beginDialog(action, options);
  }

  private async onButton(dc: DialogContext, value: ButtonValue): Promise<void> {
    const { context } = dc;
    const replies = await this.replies(context);
    switch (value.kind) {
      case 'choice':
      case 'support-form':
        if (this.runningAction(dc)) await dc.continueDialog();
        else await context.sendActivity(replies.say('input.unknownButton'));
        return;
      case 'resume':
        if (this.runningAction(dc)) await dc.repromptDialog();
        else await context.sendActivity(replies.say('cancel.nothing'));
        return;
      case 'cancel':
        return this.onCommand(dc, 'cancel');
      case 'action':
        return this.startAction(dc, value.id, context.activity.text, { reason: value.reason });
      case 'faq': {
        const entry = this.services.faq.current().entry(value.id);
        if (entry) await this.answerShown(context, entry.id);
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
        return this.switchLanguage(dc, value.lang);
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
        // Only the last answer shown is rated, once: a button under an older answer, pressed again or
        // made up by a client, thanks without counting.
        const data = await this.conversationData.get(context, {});
        if (known && data.lastAnswer === value.id) {
          delete data.lastAnswer;
          this.services.insights?.feedback(replies.lang, value.id, value.helpful);
          await this.history.rate(context, value.id, value.helpful);
        }
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

  /** The answer that "helpful" / "not helpful" now rates. */
  private async answerShown(context: TurnContext, entryId: string): Promise<void> {
    (await this.conversationData.get(context, {})).lastAnswer = entryId;
  }

  private async send(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
    await context.sendActivities(activities);
  }

  private async switchLanguage(dc: DialogContext, lang: Language): Promise<void> {
    await this.setLanguage(dc.context, lang);
    const replies = new Replies(this.services, lang);
    await dc.context.sendActivity(replies.say('language.switched'));
    // In the middle of an action its question comes again, now in the new language.
    if (this.runningAction(dc)) await dc.repromptDialog();
    else await dc.context.sendActivity(replies.topics());
  }

  /** One interpretation per turn; this only dispatches on it. */
  private async onText(dc: DialogContext, text: string): Promise<void> {
    const { context } = dc;
    // "Pas utile", "Nichts davon" typed (or sent by a client without the button's value) mean the button.
    const data = await this.conversationData.get(context, {});
    const typed = this.typedButtons.meaning(text, data.lastAnswer);
    if (typed) return this.onButton(dc, typed);
    const lang = await this.language(context);
    // "ja bitte" to "… or leave a request here": the offer taken up; only the message right after it.
    const offered = data.supportOffered;
    delete data.supportOffered;
    if (offered && !this.runningAction(dc) && this.services.interpreter.current().isYes(text, lang)) {
      return this.startAction(dc, 'support-request', undefined, { reason: offered });
    }
    const meaning = this.services.interpreter.current().interpret(text, {
      language: lang,
      step: waitingStep(dc),
      activeAction: this.runningAction(dc),
      currentYear: new Date(this.services.actions.now()).getFullYear(),
      faq: this.services.faq.current(),
    });
    if (meaning.kind === 'language-switch') return this.switchLanguage(dc, meaning.language);
    // Never a German answer to an English question: say which languages the bot speaks.
    const unanswered = meaning.kind === 'fallback' && meaning.outcome.kind === 'fallback';
    if (meaning.kind !== 'command' && !this.runningAction(dc) && unspokenLanguage(text, unanswered)) {
      await context.sendActivity((await this.replies(context)).unspokenLanguage());
      return;
    }
    if (meaning.language !== lang) await this.setLanguage(context, meaning.language);
    const replies = new Replies(this.services, meaning.language);
    switch (meaning.kind) {
      case 'command':
        return this.onCommand(dc, meaning.command);
      case 'answer':
        handAnswer(context, meaning.value);
        await dc.continueDialog();
        return;
      case 'action':
        return this.startAction(dc, meaning.action, text, { slots: meaning.slots });
      case 'smalltalk':
        // A goodbye in the middle of an action ends it: no "go on with …" after "Auf Wiedersehen".
        if (meaning.smalltalk === 'goodbye') await dc.cancelAllDialogs();
        await context.sendActivity(replies.say(`smalltalk.${meaning.smalltalk}`));
        // "Moment, ich suche die Karte": the question stays open, asking it again would hurry the person.
        if (meaning.smalltalk === 'wait') return;
        return this.offerToResume(dc);
      case 'faq':
        // The question answered before, typed as a support request's description: the answer did not help,
        // so it is the description, not the same answer again.
        if (waitingStep(dc) === 'description' && (await this.answeredBefore(context, meaning.entry))) {
          handAnswer(context, text);
          await dc.continueDialog();
          return;
        }
        return this.answerFaq(dc, text, meaning, replies);
      case 'ambiguous':
      case 'fallback':
        // In an action, what is neither an answer nor a question the FAQ answers gets the question again.
        // It is not recorded as an unanswered question: it may be a mistyped contract number or code.
        if (this.runningAction(dc)) {
          // A question about the step ("Wie lange ist der Code gültig?"): a few words on it, then the question.
          const step = waitingStep(dc);
          if (meaning.kind === 'fallback' && meaning.about && step) {
            await context.sendActivity(replies.say(`steps.${aboutStepOf(step, meaning.about)}.about`));
            await dc.repromptDialog();
          } else if (meaning.asked) {
            // Another question, none the FAQ answers: said so, then the question again, not an input error.
            await context.sendActivity(replies.say('steps.notHere'));
            await dc.repromptDialog();
          } else await dc.continueDialog();
          return;
        }
        // The extra login code typed into the chat: it belongs on the portal's login page. A code, no question:
        // nothing is recorded.
        if (this.services.interpreter.current().isCodeAlone(text, meaning.language)) {
          await context.sendActivity(replies.say('input.codeNotHere'));
          return;
        }
        this.services.events?.faqOutcome(meaning.language, meaning.kind);
        this.services.insights?.question(meaning.language, text, meaning.outcome);
        await this.history.note(context, text, meaning.kind);
        await context.sendActivity(
          meaning.outcome.kind === 'ambiguous'
            ? replies.didYouMean(meaning.outcome.candidates)
            : replies.fallback(),
        );
    }
  }

  private async answeredBefore(context: TurnContext, entryId: string): Promise<boolean> {
    return (await this.history.items(context)).some((item) => item.entryId === entryId);
  }

  private async answerFaq(
    dc: DialogContext,
    text: string,
    meaning: Extract<Interpretation, { kind: 'faq' }>,
    replies: Replies,
  ): Promise<void> {
    const faq = this.services.faq.current();
    const entry = faq.entry(meaning.entry);
    if (!entry) return;
    const also = meaning.also && faq.entry(meaning.also.entry);
    this.services.events?.faqOutcome(meaning.language, 'answered');
    this.services.insights?.question(meaning.language, text, meaning.outcome);
    await this.history.note(dc.context, text, 'answer', entry.id);
    if (also) await this.history.note(dc.context, text, 'answer', also.id);
    await this.answerShown(dc.context, entry.id);
    const running = this.runningAction(dc) !== undefined;
    await this.send(
      dc.context,
      replies.answers(also ? [entry, also] : [entry], (e) =>
        running ? undefined : this.actionTitle(replies, e),
      ),
    );
    await this.offerToResume(dc);
  }

  private async onCommand(dc: DialogContext, command: Command): Promise<void> {
    const { context } = dc;
    const replies = await this.replies(context);
    switch (command) {
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
      case 'human':
        await context.sendActivity(replies.human());
        (await this.conversationData.get(context, {})).supportOffered = 'asked';
        break;
      case 'help': {
        // At an action's question, help is about that question: a few words on it, then the question again.
        const step = waitingStep(dc);
        if (step && STEP_TOPICS_OF[step]) {
          await context.sendActivity(replies.say(`steps.${step}.about`));
          await dc.repromptDialog();
          return;
        }
        await context.sendActivity(replies.help());
        break;
      }
      case 'topics':
        await context.sendActivity(replies.topics());
        break;
      case 'resume':
        // "ja weiter" after "Weiter mit …": the question again, no input error.
        if (this.runningAction(dc)) await dc.repromptDialog();
        return;
    }
    await this.offerToResume(dc);
  }
}
