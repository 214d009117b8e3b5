import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ContractNumber } from '../../security/contractNumber';
import { phraseLists, repliesFor, reportBackendFailure, type ActionDeps } from './actionDeps';
import { askChannel, askContractNumber } from './identificationSteps';
import type { MessageChannel } from './ports';
import { contractNumberPrompt, optionPrompt } from './prompts';

export const REQUEST_CODE_DIALOG = 'request-code';
const STEPS = 'request-code.steps';
const CONTRACT_PROMPT = 'request-code.contract';
const CHANNEL_PROMPT = 'request-code.channel';
const CHANNELS: Record<MessageChannel, string> = { sms: 'sms', email: 'email' };

/**
 * Sends an extra login code for the portal (FAQ 1.4) to the contact on file. The answer is the same
 * whether or not the contract number exists, so the bot cannot be used to find out which numbers do.
 */
export class RequestCodeDialog extends ComponentDialog {
  constructor(private readonly deps: ActionDeps) {
    super(REQUEST_CODE_DIALOG);
    this.addDialog(contractNumberPrompt(CONTRACT_PROMPT))
      .addDialog(optionPrompt(CHANNEL_PROMPT, deps.languageOf, (lang) => phraseLists(deps, lang, CHANNELS)))
      .addDialog(
        new WaterfallDialog(STEPS, [
          (step) => askContractNumber(deps, step, CONTRACT_PROMPT),
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
    return askChannel(this.deps, step, CHANNEL_PROMPT, ['sms', 'email'], 'requestCode.askChannel');
  }

  private async send(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { box, guard, backend } = this.deps.actions;
    const contract = box.open((step.values as { sealedContract: string }).sealedContract) as ContractNumber;
    const replies = await repliesFor(this.deps, step.context);
    if (!(await guard.allowCodeRequest(contract))) {
      await step.context.sendActivity(replies.say('requestCode.rateLimited'));
      return step.endDialog();
    }
    try {
      const { maskedDestination } = await backend.sendLoginCode({
        contractNumber: contract,
        channel: step.result as MessageChannel,
      });
      const sent = maskedDestination
        ? replies.text('requestCode.sentTo', { destination: maskedDestination })
        : replies.text('requestCode.sent');
      await step.context.sendActivity(`${sent}\n\n${replies.text('requestCode.noContact')}`);
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error);
    }
    return step.endDialog();
  }
}
