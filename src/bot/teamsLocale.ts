import type { Activity } from 'botbuilder';

/**
 * Teams often leaves activity.locale empty (e.g. on conversationUpdate) but tells the client's language in a
 * clientInfo entity. Returns the locale to use: the activity's own, else the client's.
 */
export function channelLocale(activity: Pick<Activity, 'locale' | 'entities'>): string | undefined {
  if (typeof activity.locale === 'string' && activity.locale) return activity.locale;
  // Channels are not trusted to send well-formed entities.
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  const clientInfo = entities.find(
    (entity) => (entity as { type?: unknown } | null)?.type === 'clientInfo',
  ) as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined;
}
