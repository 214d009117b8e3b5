import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CONTRACT_NUMBER_EXAMPLE, type ContractNumber } from '../../security/contractNumber';
import { phraseLists, repliesFor, reportBackendFailure, type ActionDeps } from './actionDeps';
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
          (step) => this.askContract(step),
          (step) => this.askChannel(step),
          (step) => this.send(step),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askContract(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const replies = await repliesFor(this.deps, step.context);
    return step.prompt(CONTRACT_PROMPT, {
      prompt: replies.say('verify.askContract', { example: CONTRACT_NUMBER_EXAMPLE }),
      retryPrompt: replies.say('verify.badContract', { example: CONTRACT_NUMBER_EXAMPLE }),
    });
  }

  private async askChannel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { sealedContract?: string }).sealedContract = this.deps.actions.box.seal(
      step.result as string,
    );
    const replies = await repliesFor(this.deps, step.context);
    const buttons = (['sms', 'email'] as const).map((value) => ({
      value,
      title: replies.t(`channels.${value}`),
    }));
    return step.prompt(CHANNEL_PROMPT, {
      prompt: replies.choice(replies.t('requestCode.askChannel'), buttons),
      retryPrompt: replies.choice(replies.t('verify.badChannel'), buttons),
    });
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
