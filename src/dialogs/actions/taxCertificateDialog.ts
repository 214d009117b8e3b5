import { Attachment, MessageFactory } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from '../dialogLibrary';
import {
  completionReceipt,
  repliesFor,
  reportBackendFailure,
  type ActionDeps,
  type ActionOptions,
} from './actionDeps';
import { StepPrompt, type StepPromptOptions } from './stepPrompt';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, verifiedAccessToken } from './verifyIdentityDialog';

export const TAX_CERTIFICATE_DIALOG = 'tax-certificate';
const STEPS = 'tax-certificate.steps';
const YEAR_PROMPT = 'tax-certificate.year';
/** How many of the available years are offered as buttons. */
const YEARS_OFFERED = 3;

interface TaxCertificateValues {
  years: number[];
}

/**
 * The certificate of premiums and benefits paid (FAQ 3.1) for a chosen year, as a PDF behind a
 * short-lived, single-purpose link of the bot's own server.
 */
export class TaxCertificateDialog extends ComponentDialog {
  constructor(private readonly deps: ActionDeps) {
    super(TAX_CERTIFICATE_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps))
      .addDialog(new StepPrompt(YEAR_PROMPT, deps.services, deps.languageOf))
      .addDialog(
        new WaterfallDialog(STEPS, [
          (step) =>
            step.beginDialog(VERIFY_IDENTITY_DIALOG, {
              channel: (step.options as ActionOptions).slots?.channel,
            }),
          (step) => this.askYear(step),
          (step) => this.deliver(step),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askYear(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const token = await verifiedAccessToken(this.deps, step);
    if (!token) return step.endDialog();
    const replies = await repliesFor(this.deps, step.context);
    let years: number[];
    try {
      const certificates = await this.deps.actions.backend.listTaxCertificates(token);
      years = certificates.map((c) => c.year).sort((a, b) => b - a);
      (step.values as TaxCertificateValues).years = years;
      if (years.length === 0) {
        await step.context.sendActivity(replies.say('tax.noneAvailable'));
        return step.endDialog();
      }
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error);
      return step.endDialog();
    }
    const named = (step.options as ActionOptions).slots?.year;
    if (named) return step.next(String(named));
    // Only years that exist are offered: a button for a year without certificate would only repeat the refusal.
    const offered = years.slice(0, YEARS_OFFERED).map(String);
    return step.beginDialog(YEAR_PROMPT, {
      step: 'year',
      ask: { key: 'tax.askYear' },
      retry: { key: 'tax.badYear', params: { example: offered[0] } },
      choices: offered.map((year) => ({ value: year, title: year })),
    } satisfies StepPromptOptions);
  }

  private async deliver(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const year = Number(step.result);
    const { years } = step.values as TaxCertificateValues;
    const replies = await repliesFor(this.deps, step.context);
    if (!years.includes(year)) {
      const available = replies.text('tax.available', { years: years.join(', ') });
      await step.context.sendActivity(`${replies.text('tax.noCertificate', { year })} ${available}`);
      return step.replaceDialog(STEPS, {});
    }
    try {
      const token = await this.deps.sessions.requireAccessToken(step.context);
      const { pdf: content, reference } = await this.deps.actions.backend.getTaxCertificatePdf(token, year);
      const fileName = replies.t('tax.fileName', { year });
      const link = await this.deps.actions.links.publish({
        fileName,
        contentType: 'application/pdf',
        content,
      });
      // The link is in the attachment only: a second copy in the text would be a second button for the
      // same single-use link, and whichever the person pressed second would say "already used".
      const ready = replies.text('tax.ready', { year, fileName, minutes: link.expiresInMinutes });
      const done = await completionReceipt(this.deps, step.context, replies, {
        done: 'tax-certificate',
        params: { year },
        reference,
        at: new Date(this.deps.actions.now()),
      });
      const message = MessageFactory.text(`${ready}\n\n${done}`);
      const attachment: Attachment = { contentType: 'application/pdf', contentUrl: link.url, name: fileName };
      message.attachments = [attachment];
      await step.context.sendActivity(message);
    } catch (error) {
      await reportBackendFailure(this.deps, step.context, error);
    }
    return step.endDialog();
  }
}
