import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../../language';
import { descriptionIn, FREE_TEXT_MAX } from '../../nlu/stepAnswers';
import { Utterance } from '../../nlu/utterance';
import { contactIn, type Contact } from '../../security/contact';
import type { ButtonValue } from '../buttonValue';
import { Dialog } from '../dialogLibrary';
import { pressedButton } from '../userInput';
import { ActionPrompt } from './actionPrompt';
import type { Wording } from './stepPrompt';

export interface SupportFormOptions {
  /** The last question, masked: the topic proposed. */
  proposed?: string;
  /** What the request says about the person and the summary (verified or not, how many questions). */
  identity: Wording;
  summary: Wording;
}

/** The form as filled in, checked. */
export interface SupportForm {
  topic: string;
  description: string;
  contact: Contact;
  consent: 'yes' | 'no';
}

type Submitted = Extract<ButtonValue, { kind: 'support-form' }>;

/** The form's values checked; the UI string of the first problem when there is one. */
function check(submitted: Submitted, lang: Language): { form: SupportForm } | { problem: Wording } {
  const topic = submitted.topic?.trim() ?? '';
  const description = submitted.description?.trim() ?? '';
  const contact = contactIn(submitted.contact ?? '');
  if (!topic || topic.length > FREE_TEXT_MAX.topic)
    return { problem: { key: 'support.badTopic', params: { max: FREE_TEXT_MAX.topic } } };
  if (!descriptionIn(new Utterance(description), lang))
    return { problem: { key: 'support.badDescription', params: { max: FREE_TEXT_MAX.description } } };
  if (!contact) return { problem: { key: 'support.badContact' } };
  if (submitted.consent !== 'yes' && submitted.consent !== 'no')
    return { problem: { key: 'support.badConsent' } };
  return { form: { topic, description, contact, consent: submitted.consent } };
}

/**
 * The support request as one Adaptive Card form (Teams): topic (pre-filled), description, contact and
 * consent, sent with one submit. A form with a problem comes back with what was typed and the problem
 * named; cancel, questions and a change of language work as at every prompt (the root dialog handles
 * typed text; a reprompt sends the form again, in the language of that moment).
 */
export class SupportFormPrompt extends ActionPrompt<SupportFormOptions> {
  protected override async answer(dc: DialogContext, options: SupportFormOptions): Promise<DialogTurnResult> {
    const pressed = pressedButton(dc.context.activity.value);
    const submitted: Submitted =
      pressed?.kind === 'support-form' ? pressed : { kind: 'support-form', topic: options.proposed };
    const checked = check(submitted, await this.languageOf(dc.context));
    if ('form' in checked) return dc.endDialog(checked.form);
    // The values come back in the card only, never into the dialog state.
    await dc.context.sendActivity(await this.form(dc.context, options, submitted, checked.problem));
    return Dialog.EndOfTurn;
  }

  protected override async ask(context: TurnContext, options: SupportFormOptions): Promise<void> {
    await context.sendActivity(await this.form(context, options, { topic: options.proposed }));
  }

  private async form(
    context: TurnContext,
    options: SupportFormOptions,
    values: Partial<Submitted>,
    problem?: Wording,
  ): Promise<Partial<Activity>> {
    const replies = await this.replies(context);
    const say = (w: Wording) => replies.text(w.key, w.params);
    const input = (id: 'topic' | 'description' | 'contact', max: number, multiline = false) => ({
      type: 'Input.Text',
      id,
      label: replies.t(`support.form.${id}`),
      value: values[id] ?? '',
      maxLength: max,
      isMultiline: multiline,
      isRequired: true,
    });
    const disclosure = replies.t('support.form.disclosure', {
      identity: say(options.identity),
      summary: say(options.summary),
    });
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: replies.t('support.form.title'), weight: 'Bolder', wrap: true },
        ...(problem ? [{ type: 'TextBlock', text: say(problem), color: 'Attention', wrap: true }] : []),
        input('topic', FREE_TEXT_MAX.topic),
        input('description', FREE_TEXT_MAX.description, true),
        input('contact', 254),
        { type: 'TextBlock', text: disclosure, wrap: true },
        {
          type: 'Input.ChoiceSet',
          id: 'consent',
          label: replies.t('support.form.consent'),
          style: 'expanded',
          isRequired: true,
          value: values.consent ?? '',
          choices: [
            { title: replies.t('support.consentYes'), value: 'yes' },
            { title: replies.t('support.consentNo'), value: 'no' },
          ],
        },
      ],
      actions: [
        { type: 'Action.Submit', title: replies.t('support.form.send'), data: { kind: 'support-form' } },
        {
          type: 'Action.Submit',
          title: replies.t('actions.cancel'),
          data: { kind: 'cancel' },
          associatedInputs: 'none',
        },
      ],
    };
    return MessageFactory.attachment(CardFactory.adaptiveCard(card));
  }
}
