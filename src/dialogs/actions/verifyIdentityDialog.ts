import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from '../dialogLibrary';
import type { TurnContext } from 'botbuilder';
import type { ContractNumber } from '../../security/contractNumber';
import { VERIFICATION_RULES } from '../../security/identityGuard';
import { repliesFor, reportBackendFailure, type ActionDeps } from './actionDeps';
import { backendFailureOf, type VerificationChannel } from './ports';
import { askChannel, askContractNumber } from './identificationSteps';
import { StepPrompt, type StepPromptOptions } from './stepPrompt';

export const VERIFY_IDENTITY_DIALOG = 'verify-identity';
const IDENTIFY_STEPS = 'verify-identity.identify';
const CODE_STEPS = 'verify-identity.code';
const CONTRACT_PROMPT = 'verify-identity.contract';
const CHANNEL_PROMPT = 'verify-identity.channel';
const CODE_PROMPT = 'verify-identity.code-prompt';

/** Where a verification stands; the contract number only sealed, as dialog state is stored. */
interface IdentifyOptions {
  sealedContract?: string;
  channel?: VerificationChannel;
}
interface CodeOptions {
  sealedContract: string;
  challengeId: string;
  startedAt: number;
}

/** The outcome handed to the action that asked: verified or not (the user was told why). */
export interface VerifyIdentityResult {
  verified: boolean;
}

/**
 * In the step after `beginDialog(VERIFY_IDENTITY_DIALOG)`: the backend access token of the verified user, or
 * undefined when the verification failed (the user was told why and the action ends).
 */
export async function verifiedAccessToken(
  deps: ActionDeps,
  step: WaterfallStepContext,
): Promise<string | undefined> {
  if (!(step.result as VerifyIdentityResult).verified) return undefined;
  return deps.sessions.accessToken(step.context);
}

/**
 * Online contract number + one-time code (SMS, e-mail or authenticator app). The rules hold per contract
 * number across conversations: 3 wrong codes lock it for 15 minutes, a code lives 5 minutes and is
 * accepted once.
 */
export class VerifyIdentityDialog extends ComponentDialog {
  constructor(private readonly deps: ActionDeps) {
    super(VERIFY_IDENTITY_DIALOG);
    this.addDialog(new StepPrompt(CONTRACT_PROMPT, deps.services, deps.languageOf))
      .addDialog(new StepPrompt(CHANNEL_PROMPT, deps.services, deps.languageOf))
      .addDialog(new StepPrompt(CODE_PROMPT, deps.services, deps.languageOf))
      .addDialog(
        new WaterfallDialog(IDENTIFY_STEPS, [
          (step) => this.askContract(step),
          (step) => this.askChannel(step),
          (step) => this.sendChallenge(step),
        ]),
      )
      .addDialog(
        new WaterfallDialog(CODE_STEPS, [(step) => this.askCode(step), (step) => this.checkCode(step)]),
      );
    this.initialDialogId = IDENTIFY_STEPS;
  }

  private contractOf(sealed: string): ContractNumber {
    return this.deps.actions.box.open(sealed) as ContractNumber;
  }

  private async fail(context: TurnContext, key?: string): Promise<VerifyIdentityResult> {
    if (key) {
      const replies = await repliesFor(this.deps, context);
      // Locked out: the web support can help at once, so a request is offered with the phone line.
      await context.sendActivity(
        key === 'verify.locked' ? replies.withSupportOffer(replies.text(key), 'lockout') : replies.say(key),
      );
    }
    return { verified: false };
  }

  private async askContract(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as IdentifyOptions;
    if (await this.deps.sessions.accessToken(step.context)) return step.endDialog({ verified: true });
    if (options.sealedContract) return step.next(options.sealedContract);
    const replies = await repliesFor(this.deps, step.context);
    await step.context.sendActivity(replies.say('verify.intro'));
    return askContractNumber(step, CONTRACT_PROMPT);
  }

  private async askChannel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as IdentifyOptions;
    const sealed = options.sealedContract ?? this.deps.actions.box.seal(step.result as string);
    (step.values as IdentifyOptions).sealedContract = sealed;
    if (await this.deps.actions.guard.lockedForMs(this.contractOf(sealed))) {
      return step.endDialog(await this.fail(step.context, 'verify.locked'));
    }
    if (options.channel) return step.next(options.channel);
    return askChannel(step, CHANNEL_PROMPT, ['sms', 'email', 'totp'], 'verify.askChannel');
  }

  private async sendChallenge(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const sealedContract = (step.values as IdentifyOptions).sealedContract as string;
    const channel = step.result as VerificationChannel;
    // Every code sent counts against the number's hourly budget (an authenticator code is not sent).
    if (
      channel !== 'totp' &&
      !(await this.deps.actions.guard.allowCodeRequest(this.contractOf(sealedContract)))
    ) {
      return step.endDialog(await this.fail(step.context, 'requestCode.rateLimited'));
    }
    try {
      const challenge = await this.deps.actions.backend.createChallenge({
        contractNumber: this.contractOf(sealedContract),
        channel,
      });
      const replies = await repliesFor(this.deps, step.context);
      if (channel !== 'totp') {
        await step.context.sendActivity(
          challenge.maskedDestination
            ? replies.say('verify.codeSentTo', { destination: challenge.maskedDestination })
            : replies.say('verify.codeSent'),
        );
      }
      const codeOptions: CodeOptions = {
        sealedContract,
        challengeId: challenge.challengeId,
        startedAt: this.deps.actions.now(),
      };
      return step.replaceDialog(CODE_STEPS, { ...codeOptions, channel });
    } catch (error) {
      if (backendFailureOf(error) === 'locked') {
        await this.deps.actions.guard.lock(this.contractOf(sealedContract));
        return step.endDialog(await this.fail(step.context, 'verify.locked'));
      }
      await reportBackendFailure(this.deps, step.context, error, 'perContract');
      return step.endDialog(await this.fail(step.context));
    }
  }

  private async askCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const totp = (step.options as { channel?: VerificationChannel }).channel === 'totp';
    return step.beginDialog(CODE_PROMPT, {
      step: 'code',
      ask: { key: totp ? 'verify.askTotp' : 'verify.askCode' },
      retry: { key: 'verify.badCodeFormat' },
    } satisfies StepPromptOptions);
  }

  private async checkCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CodeOptions & { channel: VerificationChannel };
    const code = step.result as string;
    const contract = this.contractOf(options.sealedContract);
    const { guard, backend, now } = this.deps.actions;
    const replies = await repliesFor(this.deps, step.context);
    const startOver = async (key: string) => {
      await step.context.sendActivity(replies.say(key));
      return step.replaceDialog(IDENTIFY_STEPS, {
        sealedContract: options.sealedContract,
        channel: options.channel,
      });
    };

    if (await guard.lockedForMs(contract))
      return step.endDialog(await this.fail(step.context, 'verify.locked'));
    if (await guard.wasUsed(contract, code)) return startOver('verify.replayed');
    if (now() - options.startedAt > VERIFICATION_RULES.codeLifetimeMs) return startOver('verify.expired');
    const { activity } = step.context;
    const check = await guard.beginCodeCheck(contract, {
      conversationId: activity.conversation.id,
      userId: activity.from.id,
    });
    if (!check.allowed) {
      if (check.reason === 'locked') return step.endDialog(await this.fail(step.context, 'verify.locked'));
      const minutes = Math.max(1, Math.ceil(check.waitMs / 60_000));
      await step.context.sendActivity(replies.say(`codeChecks.${check.reason}`, { count: minutes }));
      return step.endDialog(await this.fail(step.context));
    }
    try {
      const { accessToken } = await backend.verifyChallenge(options.challengeId, code);
      await guard.recordSuccess(contract, code);
      await this.deps.sessions.start(step.context, accessToken, contract);
      await step.context.sendActivity(replies.say('verify.verified'));
      return step.endDialog({ verified: true } satisfies VerifyIdentityResult);
    } catch (error) {
      switch (backendFailureOf(error)) {
        case 'invalid-code': {
          const result = await guard.recordWrongCode(contract, check.attempt);
          if (result.locked) return step.endDialog(await this.fail(step.context, 'verify.locked'));
          await step.context.sendActivity(replies.say('verify.wrongCode', { count: result.attemptsLeft }));
          return step.replaceDialog(CODE_STEPS, options);
        }
        case 'expired':
          return startOver('verify.expired');
        case 'code-used':
          return startOver('verify.replayed');
        case 'locked':
          await guard.lock(contract);
          return step.endDialog(await this.fail(step.context, 'verify.locked'));
        default:
          await reportBackendFailure(this.deps, step.context, error);
          return step.endDialog(await this.fail(step.context));
      }
    }
  }
}
