import type { Activity } from 'botbuilder';

/** The fields Web Chat reads; everything else an activity carries (serviceUrl, recipient, callerId…) stays ours. */
const VISIBLE_FIELDS = [
  'type',
  'from',
  'text',
  'textFormat',
  'locale',
  'speak',
  'inputHint',
  'attachments',
  'attachmentLayout',
  'suggestedActions',
  'entities',
  'replyToId',
  'name',
  'value',
] as const;

/** What Web Chat needs of channelData: the id it matches its own sent message with. */
const VISIBLE_CHANNEL_DATA = ['clientActivityID', 'clientTimestamp'] as const;

/**
 * An activity as the local Direct Line keeps and shows it to the browser: an allow-list, so that no internal
 * field (the bot's serviceUrl above all) ever reaches a client, and so that the log holds only what is shown.
 */
export function clientView(activity: Partial<Activity>): Partial<Activity> {
  const view: Record<string, unknown> = {};
  for (const field of VISIBLE_FIELDS) if (activity[field] !== undefined) view[field] = activity[field];
  if (activity.from) {
    const { id, name, role } = activity.from;
    view.from = { id, name, role };
  }
  const channelData = (activity.channelData ?? {}) as Record<string, unknown>;
  const kept = VISIBLE_CHANNEL_DATA.filter((key) => typeof channelData[key] === 'string');
  if (kept.length > 0) view.channelData = Object.fromEntries(kept.map((key) => [key, channelData[key]]));
  return view as Partial<Activity>;
}
