import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from '../dialogLibrary';
import {
  completionReceipt,
  repliesFor,
  reportBackendFailure,
  type ActionDeps,
  type ActionOptions,
} from './actionDeps';
import type { LoginMode } from './ports';
import { StepPrompt, type StepPromptOptions } from './stepPrompt';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, verifiedAccessToken } from './verifyIdentityDialog';

export const SWITCH_LOGIN_STEPS_DIALOG = 'switch-login-steps';
const STEPS = 'switch-login-steps.steps';
const CONFIRM_PROMPT = 'switch-login-steps.confirm';

const other = (mode: LoginMode): LoginMode => (mode === 'two-step' ? 'three-step' : 'two-step');

/**
 * Shows the current login mode (FAQ 1.8–1.9) and switches it after verification and an explicit yes;
 * going down to two steps repeats the FAQ's data-security warning.
 */
export class SwitchLoginStepsDialog extends ComponentDialog {
  constructor(private readonly deps: ActionDeps) {
    super(SWITCH_LOGIN_STEPS_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps))
      .addDialog(new StepPrompt(CONFIRM_PROMPT, deps.services, deps.languageOf))
      .addDialog(
        new WaterfallDialog(STEPS, [
          (step) =>
            step.beginDialog(VERIFY_IDENTITY_DIALOG, {
              channel: (step.options as ActionOptions).slots?.channel,
            }),
          (step) => this.showAndAsk(step),
          (step) => this.apply(step),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async showAndAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const token = await verifiedAccessToken(this.deps, step);
    if (!token) return step.endDialog();
    try {
      const mode = await this.deps.actions.backend.getLoginMode(token);
      (step.values as { target?: LoginMode }).target = other(mode);
      const replies = await repliesFor(this.deps, step.context);
      const current = { mode: replies.t(`loginSteps.mode.${mode}`) };
      // Asked for the mode it already has ("auf dreistufig umstellen" while three-step): nothing to switch.
      if ((step.options as ActionOptions).slots?.direction === mode) {
        await step.context.sendActivity(replies.say('loginSteps.already', current));
        return step.endDialog();
      }
      await step.context.sendActivity(replies.say('loginSteps.current', current));
      const question = other(mode) === 'two-step' ? 'loginSteps.confirmToTwo' : 'loginSteps.confirmToThree';
      return step.beginDialog(CONFIRM_PROMPT, {
        step: 'confirm',
        ask: { key: question },
        retry: { key: 'loginSteps.badConfirm' },
        choices: [
          { value: 'yes', titleKey: 'loginSteps.yes' },
          { value: 'no', titleKey: 'loginSteps.no' },
        ],
      } satisfies StepPromptOptions);
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error);
      return step.endDialog();
    }
  }

  private async apply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const target = (step.values as { target: LoginMode }).target;
    const replies = await repliesFor(this.deps, step.context);
    if (step.result !== 'yes') {
      await step.context.sendActivity(
        replies.say('loginSteps.unchanged', { mode: replies.t(`loginSteps.mode.${other(target)}`) }),
      );
      return step.endDialog();
    }
    try {
      const token = await this.deps.sessions.requireAccessToken(step.context);
      const { mode, reference } = await this.deps.actions.backend.setLoginMode(token, target);
      const switched = replies.text('loginSteps.switched', { mode: replies.t(`loginSteps.mode.${mode}`) });
      const done = await completionReceipt(this.deps, step.context, replies, {
        done: `switch-login-steps.${mode}`,
        reference,
        at: new Date(this.deps.actions.now()),
      });
      await step.context.sendActivity(`${switched}\n\n${done}`);
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error);
    }
    return step.endDialog();
  }
}
