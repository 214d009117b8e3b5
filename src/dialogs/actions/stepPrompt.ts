import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../../nlu/stepAnswers';
import { Dialog } from '../dialogLibrary';
import { button, withButtons } from '../replies';
import { pressedButton } from '../userInput';
import { ActionPrompt } from './actionPrompt';

/** A UI string and its parameters: rendered when sent, in the language of that moment. */
export interface Wording {
  key: string;
  params?: Record<string, unknown>;
}

/** A button that answers the question; `title` is literal ("2024") or a UI string key (`titleKey`). */
export interface StepChoice {
  value: string;
  title?: string;
  titleKey?: string;
}

export interface StepPromptOptions {
  step: Step;
  ask: Wording;
  retry: Wording;
  choices?: StepChoice[];
}

/** Where the root dialog leaves the answer it understood for the question asked (turn state key). */
const STEP_ANSWER = Symbol('stepAnswer');

/** The root dialog hands the interpreted answer to the waiting prompt. */
export function handAnswer(context: TurnContext, value: string): void {
  context.turnState.set(STEP_ANSWER, value);
}

/** The question the innermost running prompt asked, if a StepPrompt is waiting. */
export function waitingStep(dc: DialogContext): Step | undefined {
  let inner: DialogContext = dc;
  while (inner.child) inner = inner.child;
  return (inner.activeDialog?.state as { options?: StepPromptOptions } | undefined)?.options?.step;
}

/**
 * One question of an action. It keeps what to say, not the rendered message, so a re-prompt after a
 * change of language comes in the new language; every question ends with how to stop and a cancel button.
 * The answer is understood by the interpreter (the root dialog hands it over); a pressed option button
 * answers directly. Anything else gets the retry wording.
 */
export class StepPrompt extends ActionPrompt<StepPromptOptions> {
  protected override async answer(dc: DialogContext, options: StepPromptOptions): Promise<DialogTurnResult> {
    const pressed = pressedButton(dc.context.activity.value);
    const value =
      pressed?.kind === 'choice' && (options.choices ?? []).some((c) => c.value === pressed.value)
        ? pressed.value
        : (dc.context.turnState.get(STEP_ANSWER) as string | undefined);
    if (value !== undefined) return dc.endDialog(value);
    await this.send(dc.context, options, options.retry);
    return Dialog.EndOfTurn;
  }

  protected override async ask(context: TurnContext, options: StepPromptOptions): Promise<void> {
    await this.send(context, options, options.ask);
  }

  private async send(context: TurnContext, options: StepPromptOptions, wording: Wording): Promise<void> {
    const replies = await this.replies(context);
    const text = `${replies.text(wording.key, wording.params)}\n\n${replies.t('prompts.cancelHint')}`;
    const buttons = (options.choices ?? []).map((c) =>
      button(c.title ?? replies.t(c.titleKey ?? c.value), { kind: 'choice', value: c.value }),
    );
    buttons.push(button(replies.t('actions.cancel'), { kind: 'cancel' }));
    await context.sendActivity(withButtons(text, buttons));
  }
}
