import type { TurnContext } from 'botbuilder';
import type { Slots } from '../../actions/catalog';
import type { SupportReason } from '../../actions/supportRequests';
import type { Language } from '../../language';
import type { ConversationHistory } from '../conversationHistory';
import { Replies } from '../replies';
import type { BotServices } from '../services';
import type { ActionServices } from './actionServices';
import { backendFailureOf, retryAfterSecondsOf } from './ports';
import { receipt, type ReceiptFacts } from './receipt';
import type { VerifiedSessions } from './verifiedSessions';

/** What an action is started with: what the request already said ("per SMS", "2024"), not asked again. */
export interface ActionOptions {
  slots?: Slots;
  /** A support request: what its offer followed. */
  reason?: SupportReason;
}

/** What every action dialog is built with. */
export interface ActionDeps {
  services: BotServices;
  actions: ActionServices;
  sessions: VerifiedSessions;
  history: ConversationHistory;
  languageOf(context: TurnContext): Promise<Language>;
}

export async function repliesFor(deps: ActionDeps, context: TurnContext): Promise<Replies> {
  return new Replies(deps.services, await deps.languageOf(context));
}

/** The receipt that ends a completed action (receipt.ts); the conversation's history notes it as completed. */
export async function completionReceipt(
  deps: ActionDeps,
  context: TurnContext,
  replies: Replies,
  facts: ReceiptFacts,
): Promise<string> {
  await deps.history.actionCompleted(context);
  return receipt(replies, facts);
}

/**
 * Tells the user, in their language, why the backend could not help; ends any verification it invalidated.
 * `perContract`: the call is limited per contract number (sending codes), so a refusal names that limit and
 * the minutes to wait rather than a general load.
 */
export async function reportBackendFailure(
  deps: ActionDeps,
  context: TurnContext,
  error: unknown,
  limit: 'service' | 'perContract' = 'service',
): Promise<void> {
  const replies = await repliesFor(deps, context);
  const failure = backendFailureOf(error);
  if (failure === 'unauthorized') {
    await deps.sessions.end(context);
    await context.sendActivity(replies.say('backend.sessionExpired'));
  } else if (failure === 'rate-limited' && limit === 'perContract') {
    const minutes = Math.max(1, Math.ceil((retryAfterSecondsOf(error) ?? 60) / 60));
    await context.sendActivity(replies.say('backend.contractRateLimited', { count: minutes }));
  } else if (failure === 'rate-limited') {
    await context.sendActivity(replies.say('backend.rateLimited'));
  } else {
    await context.sendActivity(
      replies.withSupportOffer(replies.text('backend.unavailable'), 'backend_failure'),
    );
  }
}
