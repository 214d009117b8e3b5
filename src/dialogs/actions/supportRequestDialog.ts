import { Channels, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from '../dialogLibrary';
import { FREE_TEXT_MAX, KEEP_TOPIC } from '../../nlu/stepAnswers';
import { maskContact, type Contact } from '../../security/contact';
import { maskContractNumber } from '../../security/contractNumber';
import { maskPii } from '../../security/pii';
import type { SupportRequestWait } from '../../security/supportRequestLimits';
import { repliesFor, type ActionDeps, type ActionOptions } from './actionDeps';
import { backendFailureOf } from './ports';
import { StepPrompt, type StepPromptOptions, type Wording } from './stepPrompt';
import { quotedText } from '../quotedText';
import { TypedButtons } from '../typedButtons';
import { SupportFormPrompt, type SupportForm, type SupportFormOptions } from './supportFormPrompt';

export const SUPPORT_REQUEST_DIALOG = 'support-request';
const STEPS = 'support-request.steps';
const TOPIC_PROMPT = 'support-request.topic';
const DESCRIPTION_PROMPT = 'support-request.description';
const CONTACT_PROMPT = 'support-request.contact';
const CONSENT_PROMPT = 'support-request.consent';
/** Teams: the whole request as one Adaptive Card form. */
const FORM_STEPS = 'support-request.form-steps';
const FORM_PROMPT = 'support-request.form';

/** What the person said so far; sealed in the dialog state, which is stored. */
interface Draft {
  topic?: string;
  description?: string;
  contact?: Contact;
}

/**
 * Hands the case to the web support (docs/support-requests.md): topic (the last question, or another),
 * a short description, how to be reached, and explicit consent to send it with a masked summary of the
 * conversation. The person gets the reference number; refused consent sends nothing.
 */
export class SupportRequestDialog extends ComponentDialog {
  private readonly labels: TypedButtons;

  constructor(private readonly deps: ActionDeps) {
    super(SUPPORT_REQUEST_DIALOG);
    this.labels = new TypedButtons(deps.services.translator);
    for (const id of [TOPIC_PROMPT, DESCRIPTION_PROMPT, CONTACT_PROMPT, CONSENT_PROMPT])
      this.addDialog(new StepPrompt(id, deps.services, deps.languageOf));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        (step) => this.askTopic(step),
        (step) => this.askDescription(step),
        (step) => this.askContact(step),
        (step) => this.askConsent(step),
        (step) => this.send(step, step.result as string),
      ]),
    )
      .addDialog(new SupportFormPrompt(FORM_PROMPT, deps.services, deps.languageOf))
      .addDialog(
        new WaterfallDialog(FORM_STEPS, [(step) => this.askForm(step), (step) => this.takeForm(step)]),
      );
    this.initialDialogId = STEPS;
  }

  /** In Teams the form, elsewhere one question after the other. */
  protected override onBeginDialog(inner: DialogContext, options?: object): Promise<DialogTurnResult> {
    const teams = inner.context.activity.channelId === Channels.Msteams;
    return inner.beginDialog(teams ? FORM_STEPS : STEPS, options);
  }

  private draft(step: WaterfallStepContext): Draft {
    const sealed = (step.values as { sealedDraft?: string }).sealedDraft;
    const opened = sealed && this.deps.actions.box.open(sealed);
    return opened ? (JSON.parse(opened) as Draft) : {};
  }

  private keep(step: WaterfallStepContext, more: Draft): Draft {
    const draft = { ...this.draft(step), ...more };
    (step.values as { sealedDraft?: string }).sealedDraft = this.deps.actions.box.seal(JSON.stringify(draft));
    return draft;
  }

  /** Tells the limit that stops a request now, politely and with the phone line; false if none does. */
  private async tellWait(context: TurnContext, wait: SupportRequestWait | undefined): Promise<boolean> {
    if (!wait) return false;
    const replies = await repliesFor(this.deps, context);
    const minutes = Math.max(1, Math.ceil(wait.waitMs / 60_000));
    await context.sendActivity(
      wait.reason === 'conversation'
        ? replies.say('support.tooSoon', { count: minutes })
        : replies.say('support.tooMany'),
    );
    return true;
  }

  /** False (and the person told why) when a limit stops a request now. */
  private async mayRequest(context: TurnContext): Promise<boolean> {
    const contract = await this.deps.sessions.contractNumber(context);
    const wait = await this.deps.actions.supportLimits.wait(context.activity.conversation.id, contract);
    return !(await this.tellWait(context, wait));
  }

  /** What the person asked last, already masked: proposed as the topic; a button's label is none. */
  private async proposedTopic(context: TurnContext): Promise<string | undefined> {
    const items = await this.deps.history.items(context);
    return [...items].reverse().find((i) => !this.labels.isLabel(i.question))?.question;
  }

  /** What the request says about the person and the conversation, besides what they typed. */
  private async disclosure(context: TurnContext): Promise<{ identity: Wording; summary: Wording }> {
    const contract = await this.deps.sessions.contractNumber(context);
    const count = (await this.deps.history.items(context)).length;
    return {
      identity: contract
        ? { key: 'support.verified', params: { contract: maskContractNumber(contract) } }
        : { key: 'support.unverified' },
      summary: count > 0 ? { key: 'support.summary', params: { count } } : { key: 'support.noSummary' },
    };
  }

  private async askForm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!(await this.mayRequest(step.context))) return step.endDialog();
    return step.beginDialog(FORM_PROMPT, {
      proposed: await this.proposedTopic(step.context),
      ...(await this.disclosure(step.context)),
    } satisfies SupportFormOptions);
  }

  private async takeForm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { consent, ...draft } = step.result as SupportForm;
    this.keep(step, draft);
    return this.send(step, consent);
  }

  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!(await this.mayRequest(step.context))) return step.endDialog();
    const proposed = await this.proposedTopic(step.context);
    (step.values as { proposed?: string }).proposed = proposed;
    return step.beginDialog(TOPIC_PROMPT, {
      step: 'topic',
      ask: proposed
        ? { key: 'support.proposeTopic', params: { topic: quotedText(proposed) } }
        : { key: 'support.askTopic' },
      retry: { key: 'support.badTopic', params: { max: FREE_TEXT_MAX.topic } },
      choices: proposed ? [{ value: KEEP_TOPIC, titleKey: 'support.keepTopic' }] : [],
    } satisfies StepPromptOptions);
  }

  private async askDescription(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { proposed } = step.values as { proposed?: string };
    const answer = step.result as string;
    // A "yes" when no topic was proposed keeps none: the description will say it.
    const untitled = async () => (await repliesFor(this.deps, step.context)).text('support.untitledTopic');
    this.keep(step, { topic: answer === KEEP_TOPIC ? (proposed ?? (await untitled())) : answer });
    return step.beginDialog(DESCRIPTION_PROMPT, {
      step: 'description',
      ask: { key: 'support.askDescription' },
      retry: { key: 'support.badDescription', params: { max: FREE_TEXT_MAX.description } },
    } satisfies StepPromptOptions);
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, { description: step.result as string });
    return step.beginDialog(CONTACT_PROMPT, {
      step: 'contact',
      ask: { key: 'support.askContact' },
      retry: { key: 'support.badContact' },
    } satisfies StepPromptOptions);
  }

  /** Says what will be sent (masked: the question is kept in the dialog state) and asks for consent. */
  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as string;
    const at = answer.indexOf(':');
    const contact = { kind: answer.slice(0, at), value: answer.slice(at + 1) } as Contact;
    const draft = this.keep(step, { contact });
    const replies = await repliesFor(this.deps, step.context);
    const { identity, summary } = await this.disclosure(step.context);
    const params = {
      topic: quotedText(maskPii(draft.topic ?? '')),
      contact: maskContact(contact),
      identity: replies.text(identity.key, identity.params),
      summary: replies.text(summary.key, summary.params),
    };
    return step.beginDialog(CONSENT_PROMPT, {
      step: 'confirm',
      ask: { key: 'support.askConsent', params },
      retry: { key: 'support.badConsent' },
      choices: [
        { value: 'yes', titleKey: 'support.consentYes' },
        { value: 'no', titleKey: 'support.consentNo' },
      ],
    } satisfies StepPromptOptions);
  }

  private async send(step: WaterfallStepContext, consent: string): Promise<DialogTurnResult> {
    const { context } = step;
    const replies = await repliesFor(this.deps, context);
    if (consent !== 'yes') {
      await context.sendActivity(replies.say('support.notSent'));
      return step.endDialog();
    }
    const { topic, description, contact } = this.draft(step) as Required<Draft>;
    const contract = await this.deps.sessions.contractNumber(context);
    const { supportLimits, backend } = this.deps.actions;
    if (await this.tellWait(context, await supportLimits.take(context.activity.conversation.id, contract)))
      return step.endDialog();
    const summary = await this.deps.history.items(context);
    try {
      const { reference } = await backend.createSupportRequest({
        topic,
        description,
        contact,
        language: replies.lang,
        contractNumber: contract ?? 'unverified',
        summary,
        consent: true,
      });
      const reason = (step.options as ActionOptions).reason ?? 'asked';
      this.deps.services.events?.supportRequest(replies.lang, reason);
      const entryIds = [...new Set(summary.flatMap((i) => (i.entryId ? [i.entryId] : [])))];
      this.deps.services.insights?.supportRequest(replies.lang, reason, entryIds);
      await context.sendActivity(
        replies.say(contact.kind === 'email' ? 'support.sentEmail' : 'support.sentPhone', { reference }),
      );
    } catch (error) {
      // The backend's daily limit per contract number; anything else: the phone line, nothing lost.
      await context.sendActivity(
        replies.say(backendFailureOf(error) === 'rate-limited' ? 'support.tooMany' : 'support.failed'),
      );
    }
    return step.endDialog();
  }
}
