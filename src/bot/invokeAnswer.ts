import type { InvokeResponse } from 'botbuilder';
import { z } from 'zod';

/**
 * An Adaptive Card Universal Action (`adaptiveCard/action`), as the schema describes it. The bot's own cards
 * submit with Action.Submit (a message activity), so any such invoke is a stale or foreign card; it is
 * still checked here, at the boundary, so that no handler ever reads fields of a value that is not there.
 */
const adaptiveCardAction = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    id: z.string().max(200).optional(),
    verb: z.string().max(200).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(['automatic', 'manual']).optional(),
});

/**
 * The answer to an invoke activity, decided from its name and value alone: `message` is what the card shows
 * (in the user's language). Other invokes (Teams' messaging extensions, task modules, sign-in, …) are
 * features the bot does not offer: 501, and none of botbuilder's handlers runs on their untrusted values.
 */
export function invokeAnswer(name: string | undefined, value: unknown, message: string): InvokeResponse {
  if (name !== 'adaptiveCard/action') return { status: 501 };
  if (!adaptiveCardAction.safeParse(value).success) {
    return {
      status: 400,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message },
      },
    };
  }
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message },
  };
}
