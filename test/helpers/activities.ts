import { CardFactory, type Activity, type CardAction, type HeroCard } from 'botbuilder';

/** The hero card of a reply, if it has one. */
export function heroCardOf(activity: Partial<Activity>): HeroCard | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === CardFactory.contentTypes.heroCard);
  return attachment?.content as HeroCard | undefined;
}

/** What the user reads in a reply: its text and the text of its card. */
export function textOf(activity: Partial<Activity>): string {
  return [activity.text, heroCardOf(activity)?.text].filter(Boolean).join('\n');
}

/** Everything the user reads in a turn's replies. */
export function transcript(replies: readonly Partial<Activity>[]): string {
  return replies.map(textOf).join('\n\n');
}

/** The buttons under a reply: its card's, then its suggested actions. */
export function buttonsOfReply(activity: Partial<Activity>): CardAction[] {
  return [...(heroCardOf(activity)?.buttons ?? []), ...(activity.suggestedActions?.actions ?? [])];
}

/** Every button under the turn's replies. */
export function buttonsOf(replies: readonly Partial<Activity>[]): CardAction[] {
  return replies.flatMap(buttonsOfReply);
}
