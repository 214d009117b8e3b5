import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { CONTRACT_NUMBER_EXAMPLE } from '../../security/contractNumber';
import type { VerificationChannel } from './ports';
import type { StepPromptOptions } from './stepPrompt';

/** The waterfall steps both verification and code requests start with: contract number, then channel. */

/** Asks for the online contract number; a wrong format gets the expected one with an example. */
export function askContractNumber(step: WaterfallStepContext, promptId: string): Promise<DialogTurnResult> {
  const params = { example: CONTRACT_NUMBER_EXAMPLE };
  return step.beginDialog(promptId, {
    step: 'contract',
    ask: { key: 'verify.askContract', params },
    retry: { key: 'verify.badContract', params },
  } satisfies StepPromptOptions);
}

/** Offers the channels as buttons (they can also be named in words); `questionKey` is the question asked. */
export function askChannel(
  step: WaterfallStepContext,
  promptId: string,
  channels: readonly VerificationChannel[],
  questionKey: string,
): Promise<DialogTurnResult> {
  return step.beginDialog(promptId, {
    step: channels.includes('totp') ? 'channel' : 'requestCodeChannel',
    ask: { key: questionKey },
    retry: { key: channels.includes('totp') ? 'verify.badChannel' : 'requestCode.badChannel' },
    choices: channels.map((value) => ({ value, titleKey: `channels.${value}` })),
  } satisfies StepPromptOptions);
}
