import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { CONTRACT_NUMBER_EXAMPLE } from '../../security/contractNumber';
import { repliesFor, type ActionDeps } from './actionDeps';
import type { VerificationChannel } from './ports';

/** The waterfall steps both verification and code requests start with: contract number, then channel. */

/** Asks for the online contract number; a wrong format gets the expected one with an example. */
export async function askContractNumber(
  deps: ActionDeps,
  step: WaterfallStepContext,
  promptId: string,
): Promise<DialogTurnResult> {
  const replies = await repliesFor(deps, step.context);
  return step.prompt(promptId, {
    prompt: replies.say('verify.askContract', { example: CONTRACT_NUMBER_EXAMPLE }),
    retryPrompt: replies.say('verify.badContract', { example: CONTRACT_NUMBER_EXAMPLE }),
  });
}

/** Offers the channels as buttons (they can also be named in words); `questionKey` is the question asked. */
export async function askChannel(
  deps: ActionDeps,
  step: WaterfallStepContext,
  promptId: string,
  channels: readonly VerificationChannel[],
  questionKey: string,
): Promise<DialogTurnResult> {
  const replies = await repliesFor(deps, step.context);
  const buttons = channels.map((value) => ({ value, title: replies.t(`channels.${value}`) }));
  return step.prompt(promptId, {
    prompt: replies.choice(replies.t(questionKey), buttons),
    retryPrompt: replies.choice(replies.t('verify.badChannel'), buttons),
  });
}
