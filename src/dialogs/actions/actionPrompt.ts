import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../../language';
import { Dialog } from '../dialogLibrary';
import { Replies } from '../replies';
import type { BotServices } from '../services';

/**
 * What every question of an action shares: it keeps its options (what to ask), asks when it begins and when
 * the root dialog re-prompts (in the language of that moment), and reads only messages. Subclasses say how
 * to ask and what makes an answer.
 */
export abstract class ActionPrompt<O extends object> extends Dialog<O> {
  constructor(
    id: string,
    private readonly services: BotServices,
    protected readonly languageOf: (context: TurnContext) => Promise<Language>,
  ) {
    super(id);
  }

  /** Ask the question (again). */
  protected abstract ask(context: TurnContext, options: O): Promise<void>;

  /** A message arrived: end with its answer, or say what is wrong and wait. */
  protected abstract answer(dc: DialogContext, options: O): Promise<DialogTurnResult>;

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    if (!options) throw new Error(`${this.constructor.name} ${this.id} needs options`);
    (dc.activeDialog as DialogInstance).state = { options };
    await this.ask(dc.context, options);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    return this.answer(dc, (dc.activeDialog?.state as { options: O }).options);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.ask(context, (instance.state as { options: O }).options);
  }

  /** The UI strings in the conversation's language of this moment. */
  protected async replies(context: TurnContext): Promise<Replies> {
    return new Replies(this.services, await this.languageOf(context));
  }
}
