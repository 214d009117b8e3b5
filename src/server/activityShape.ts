import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it: its type, where it comes from and where the
 * reply goes. Checked before the adapter sees the request (which would otherwise fail mid-turn); other
 * fields pass through untouched.
 */
const activityShape = z.looseObject({
  type: z.string().min(1).max(100),
  channelId: z.string().min(1).max(200),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  conversation: z.looseObject({ id: z.string().min(1).max(1000) }),
  from: z.looseObject({ id: z.string().max(1000) }).optional(),
  text: z.string().optional(),
  locale: z.string().max(100).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  entities: z.array(z.looseObject({})).optional(),
  membersAdded: z.array(z.looseObject({ id: z.string() })).optional(),
});

/** Why the body cannot be answered as an activity; undefined if it can. */
export function activityProblem(body: unknown): string | undefined {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
