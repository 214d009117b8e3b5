import {
  ActionTypes,
  CardFactory,
  type Activity,
  type Attachment,
  type CardAction,
  type HeroCard,
} from 'botbuilder';

/** Teams shows at most this many suggested actions, and only imBack ones. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;
/** Adaptive Cards version Teams renders on desktop, web and mobile. */
const ADAPTIVE_CARD_VERSION = '1.5';

type AdaptiveElement = Record<string, unknown>;

/**
 * A card button as an Adaptive Card action. A value button becomes an Action.Submit whose data is the
 * value itself (Teams delivers it as activity.value, without text) plus Teams' messageBack hint, so the
 * user's chat shows what they pressed.
 */
function adaptiveAction(button: CardAction): AdaptiveElement {
  if (button.type === ActionTypes.OpenUrl) {
    return { type: 'Action.OpenUrl', title: button.title, url: button.value };
  }
  const value = button.value ?? button.text ?? button.title;
  const data = typeof value === 'object' && value !== null ? value : { text: String(value) };
  return {
    type: 'Action.Submit',
    title: button.title,
    data: {
      ...data,
      msteams: { type: 'messageBack', displayText: button.displayText ?? button.title, value: data },
    },
  };
}

/** Titles up to this length fit a Teams button on a phone; longer ones (questions) would be cut with "…". */
const SHORT_TITLE = 20;
/** Short buttons share a row, at most this many. */
const BUTTONS_PER_ROW = 3;

/**
 * A long title (a whole question) as a wrapped text row the user can press: Teams cuts button titles, not
 * text blocks, so the option stays readable on a phone.
 */
function wrappedOption(button: CardAction): AdaptiveElement {
  return {
    type: 'Container',
    style: 'emphasis',
    selectAction: adaptiveAction(button),
    items: [{ type: 'TextBlock', text: button.title, wrap: true, color: 'Accent' }],
  };
}

/** Buttons in rows: each long one a wrapped option of its own, runs of short ones side by side. */
function buttonRows(buttons: readonly CardAction[]): AdaptiveElement[] {
  const rows: AdaptiveElement[] = [];
  let shortRun: CardAction[] = [];
  const flush = () => {
    if (shortRun.length > 0) rows.push({ type: 'ActionSet', actions: shortRun.map(adaptiveAction) });
    shortRun = [];
  };
  for (const button of buttons) {
    if (button.title.length > SHORT_TITLE && button.type !== ActionTypes.OpenUrl) {
      flush();
      rows.push(wrappedOption(button));
      continue;
    }
    shortRun.push(button);
    if (shortRun.length === BUTTONS_PER_ROW) flush();
  }
  flush();
  return rows;
}

/** Text and buttons as an Adaptive Card; long titles wrap instead of being cut. */
export function adaptiveCard(
  text: string | undefined,
  buttons: readonly CardAction[],
  title?: string,
): Attachment {
  const body: AdaptiveElement[] = [];
  if (title) body.push({ type: 'TextBlock', text: title, weight: 'Bolder', wrap: true });
  if (text) body.push({ type: 'TextBlock', text, wrap: true });
  body.push(...buttonRows(buttons));
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body,
  });
}

function fromHeroCard(attachment: Attachment): Attachment {
  const hero = attachment.content as HeroCard;
  return adaptiveCard(hero.text, hero.buttons ?? [], hero.title);
}

/** A document link (the tax certificate): Teams shows no file from a bot's contentUrl, so a button opens it. */
function fromDocument(attachment: Attachment, openTitle: string): Attachment {
  return adaptiveCard(attachment.name, [
    { type: ActionTypes.OpenUrl, title: openTitle, value: attachment.contentUrl },
  ]);
}

function isDocumentLink(attachment: Attachment): boolean {
  return Boolean(attachment.contentUrl) && !attachment.contentType.startsWith('image/');
}

export interface TeamsRendering {
  /** The title of the button that opens a document, in the conversation's language. */
  openDocumentTitle: string;
}

/**
 * Rewrites an outgoing activity into what Teams renders: hero cards become Adaptive Cards 1.5, document
 * links an "open" button, and suggested actions Teams would cut or ignore (more than three, or not imBack)
 * a card under the message.
 */
export function forTeams(activity: Partial<Activity>, rendering: TeamsRendering): Partial<Activity> {
  const attachments = (activity.attachments ?? []).map((attachment) => {
    if (attachment.contentType === CardFactory.contentTypes.heroCard) return fromHeroCard(attachment);
    if (isDocumentLink(attachment)) return fromDocument(attachment, rendering.openDocumentTitle);
    return attachment;
  });
  const suggested = activity.suggestedActions?.actions ?? [];
  const teamsCanShow =
    suggested.length <= TEAMS_MAX_SUGGESTED_ACTIONS && suggested.every((a) => a.type === ActionTypes.ImBack);
  if (suggested.length > 0 && !teamsCanShow) {
    return {
      ...activity,
      attachments: [...attachments, adaptiveCard(undefined, suggested)],
      suggestedActions: undefined,
    };
  }
  return activity.attachments ? { ...activity, attachments } : activity;
}
