import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { SupportReason } from '../actions/supportRequests';
import type { FaqEntry } from '../faq/content';
import { keepPhoneNumbersTogether } from '../i18n/phoneNumbers';
import { LANGUAGES, type Language } from '../language';
import type { Candidate } from '../faq/matcher';
import type { ButtonValue } from './buttonValue';
import type { BotServices } from './services';

/** A button that sends a typed value back; its title is shown in the transcript as if the user typed it. */
export function button(title: string, value: ButtonValue): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** A message with buttons under it, as a hero card: rendered alike by Web Chat, Teams and the Emulator. */
export function withButtons(text: string, buttons: CardAction[]): Partial<Activity> {
  if (buttons.length === 0) return MessageFactory.text(text);
  return MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons));
}

/** Builds every message of the FAQ conversation in one language. */
export class Replies {
  constructor(
    private readonly services: BotServices,
    readonly lang: Language,
  ) {}

  t(key: string, options?: Record<string, unknown>): string {
    return this.services.translator.t(this.lang, key, options);
  }

  private questionButton(entry: FaqEntry): CardAction {
    return button(entry.text[this.lang].question, { kind: 'faq', id: entry.id });
  }

  private topicsButton(): CardAction {
    return button(this.t('buttons.topics'), { kind: 'topics' });
  }

  /** "Leave a request for the web support", remembering what the offer followed. */
  supportButton(reason: SupportReason): CardAction {
    return button(this.t('actions.support-request.button'), {
      kind: 'action',
      id: 'support-request',
      reason,
    });
  }

  /** A message with the offer of a support request under it, compact (a suggested action). */
  withSupportOffer(text: string, reason: SupportReason): Partial<Activity> {
    return MessageFactory.suggestedActions([this.supportButton(reason)], text);
  }

  /** To "talk to a person": the web support's phone line and e-mail, and the offer to leave a request. */
  human(): Partial<Activity> {
    return this.withSupportOffer(`${this.t('smalltalk.human')}\n\n${this.t('support.offer')}`, 'asked');
  }

  /**
   * Two short messages, so the greeting is still in view when the panel opens: the greeting, then the topics
   * with the other languages as suggested actions (gone after the first question, like every suggestion).
   */
  welcome(): Partial<Activity>[] {
    const brand = this.services.settings.brand[this.lang];
    const languages = LANGUAGES.filter((l) => l !== this.lang).map((lang) =>
      button(this.services.translator.t(lang, 'language.name'), { kind: 'language', lang }),
    );
    return [
      MessageFactory.text(`${this.t('welcome.greeting', { brand })}\n\n${this.t('welcome.intro')}`),
      { ...this.topics(), suggestedActions: { actions: languages, to: [] } },
    ];
  }

  /**
   * To a message in a language the bot does not speak: which languages it speaks, said in each of them,
   * with a button per language.
   */
  unspokenLanguage(): Partial<Activity> {
    const { translator } = this.services;
    const buttons = LANGUAGES.map((lang) =>
      button(translator.t(lang, 'language.name'), { kind: 'language', lang }),
    );
    return withButtons(
      LANGUAGES.map((lang) => translator.t(lang, 'language.unspoken')).join('\n\n'),
      buttons,
    );
  }

  topics(): Partial<Activity> {
    const buttons = this.services.faq
      .current()
      .categories.map((c) => button(c.name[this.lang], { kind: 'category', id: c.id }));
    return withButtons(this.t('categories.prompt'), buttons);
  }

  categoryQuestions(categoryId: string): Partial<Activity> {
    const faq = this.services.faq.current();
    const category = faq.category(categoryId);
    if (!category) return this.topics();
    const buttons = faq.entriesIn(categoryId).map((e) => this.questionButton(e));
    return withButtons(this.t('categories.questions', { category: category.name[this.lang] }), buttons);
  }

  /**
   * One message per answer: the answer in Markdown with the entry's action, its follow-ups and a compact
   * "helpful / not helpful" as suggested actions under it. They vanish once the user sends anything, so the
   * transcript keeps only the answers; one activity costs the channel one POST.
   */
  answer(entry: FaqEntry, actionTitle?: string): Partial<Activity>[] {
    return this.answers([entry], actionTitle ? (e) => e.action && actionTitle : undefined);
  }

  /**
   * Two questions of one message in one message: each answer under its question as a short heading, the
   * actions and follow-ups of both (none twice, none already answered), the feedback once (for the first).
   */
  answers(
    entries: readonly FaqEntry[],
    actionTitle?: (entry: FaqEntry) => string | undefined,
  ): Partial<Activity>[] {
    const faq = this.services.faq.current();
    const answered = new Set(entries.map((e) => e.id));
    const followUpIds = [...new Set(entries.flatMap((e) => e.followUps))].filter((id) => !answered.has(id));
    const followUps = followUpIds
      .map((id) => faq.entry(id))
      .filter((e): e is FaqEntry => e !== undefined)
      .map((e) => this.questionButton(e));
    const actionButtons = entries.flatMap((e) => {
      const title = e.action && actionTitle?.(e);
      return e.action && title ? [button(title, { kind: 'action', id: e.action })] : [];
    });
    const text = keepPhoneNumbersTogether(
      entries.length === 1
        ? entries[0]!.text[this.lang].answer
        : entries.map((e) => `**${e.text[this.lang].question}**\n\n${e.text[this.lang].answer}`).join('\n\n'),
    );
    const reply = MessageFactory.suggestedActions(
      [...actionButtons, ...followUps, ...this.feedbackButtons(entries[0]!)],
      text,
    );
    reply.textFormat = 'markdown';
    return [reply];
  }

  /** Two short buttons, last: the next question can just be typed. */
  private feedbackButtons(entry: FaqEntry): CardAction[] {
    return [
      button(this.t('feedback.helpful'), { kind: 'feedback', id: entry.id, helpful: true }),
      button(this.t('feedback.notHelpful'), { kind: 'feedback', id: entry.id, helpful: false }),
    ];
  }

  /** After the user rated an answer: thanks, or (not helpful) the support contacts and the topics. */
  feedbackReceived(helpful: boolean): Partial<Activity> {
    if (helpful) return MessageFactory.text(this.t('feedback.thanks'));
    return withButtons(`${this.t('feedback.sorry')}\n\n${this.t('fallback.contact')}`, [
      this.supportButton('not_helpful'),
      this.topicsButton(),
    ]);
  }

  didYouMean(candidates: readonly Candidate[]): Partial<Activity> {
    const faq = this.services.faq.current();
    const buttons = candidates
      .map((c) => faq.entry(c.id))
      .filter((e): e is FaqEntry => e !== undefined)
      .map((e) => this.questionButton(e));
    buttons.push(button(this.t('didYouMean.none'), { kind: 'none-of-these' }));
    return withButtons(this.t('didYouMean.prompt'), buttons);
  }

  fallback(): Partial<Activity> {
    return withButtons(`${this.t('fallback.text')}\n\n${this.t('fallback.contact')}`, [
      this.supportButton('fallback'),
      this.topicsButton(),
    ]);
  }

  noneOfThese(): Partial<Activity> {
    return withButtons(`${this.t('noneOfThese')}\n\n${this.t('fallback.contact')}`, [
      this.supportButton('fallback'),
      this.topicsButton(),
    ]);
  }

  help(): Partial<Activity> {
    return withButtons(this.t('help.text'), [this.topicsButton()]);
  }

  /** A sentence from the locales; the support contacts are available as {{email}} and {{phone}}. */
  say(key: string, options?: Record<string, unknown>): Partial<Activity> {
    return MessageFactory.text(this.text(key, options));
  }

  text(key: string, options?: Record<string, unknown>): string {
    return this.t(key, options);
  }

  tooLong(max: number): Partial<Activity> {
    return MessageFactory.text(this.t('input.tooLong', { max }));
  }
}
