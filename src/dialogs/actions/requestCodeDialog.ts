import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from '../dialogLibrary';
import type { ContractNumber } from '../../security/contractNumber';
import {
  completionReceipt,
  repliesFor,
  reportBackendFailure,
  type ActionDeps,
  type ActionOptions,
} from './actionDeps';
import { askChannel, askContractNumber } from './identificationSteps';
import type { MessageChannel } from './ports';
import { StepPrompt } from './stepPrompt';

export const REQUEST_CODE_DIALOG = 'request-code';
const STEPS = 'request-code.steps';
const CONTRACT_PROMPT = 'request-code.contract';
const CHANNEL_PROMPT = 'request-code.channel';

/**
 * Sends an extra login code for the portal (FAQ 1.4) to the contact on file. The answer is the same
 * whether or not the contract number exists, so the bot cannot be used to find out which numbers do.
 */
export class RequestCodeDialog extends ComponentDialog {
  constructor(private readonly deps: ActionDeps) {
    super(REQUEST_CODE_DIALOG);
    this.addDialog(new StepPrompt(CONTRACT_PROMPT, deps.services, deps.languageOf))
      .addDialog(new StepPrompt(CHANNEL_PROMPT, deps.services, deps.languageOf))
      .addDialog(
        new WaterfallDialog(STEPS, [
          (step) => askContractNumber(step, CONTRACT_PROMPT),
          (step) => this.askChannel(step),
          (step) => this.send(step),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askChannel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { sealedContract?: string }).sealedContract = this.deps.actions.box.seal(
      step.result as string,
    );
    const named = (step.options as ActionOptions).slots?.channel;
    if (named === 'sms' || named === 'email') return step.next(named);
    return askChannel(step, CHANNEL_PROMPT, ['sms', 'email'], 'requestCode.askChannel');
  }

  private async send(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { box, guard, backend } = this.deps.actions;
    const contract = box.open((step.values as { sealedContract: string }).sealedContract) as ContractNumber;
    const replies = await repliesFor(this.deps, step.context);
    if (!(await guard.allowCodeRequest(contract))) {
      await step.context.sendActivity(replies.say('requestCode.rateLimited'));
      return step.endDialog();
    }
    const channel = step.result as MessageChannel;
    try {
      const { maskedDestination, reference } = await backend.sendLoginCode({
        contractNumber: contract,
        channel,
      });
      const sent = maskedDestination
        ? replies.text('requestCode.sentTo', { destination: maskedDestination })
        : replies.text('requestCode.sent');
      // An unknown number gets a decoy reference from the backend: the receipt reads the same (non-enumeration).
      const done = await completionReceipt(this.deps, step.context, replies, {
        done: `request-code.${channel}`,
        reference,
        at: new Date(this.deps.actions.now()),
      });
      await step.context.sendActivity(`${sent}\n\n${replies.text('requestCode.noContact')}\n\n${done}`);
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error, 'perContract');
    }
    return step.endDialog();
  }
}
