import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { MAX_SUMMARY_ITEMS, type SupportOutcome } from '../actions/supportRequests';
import { maskPii } from '../security/pii';
import type { ConversationData, HistoryItem } from './conversationData';

/**
 * The last questions of a conversation and what came of them, for a support request's summary (so the
 * person does not retype the case). Kept in the conversation state, so it expires with the conversation;
 * capped at MAX_SUMMARY_ITEMS; the person's words masked like the insights' (src/security/pii.ts) before
 * they are kept.
 */
export class ConversationHistory {
  constructor(private readonly conversationData: StatePropertyAccessor<ConversationData>) {}

  async note(context: TurnContext, text: string, outcome: SupportOutcome, entryId?: string): Promise<void> {
    const data = await this.conversationData.get(context, {});
    const item: HistoryItem = { question: maskPii(text), outcome, ...(entryId ? { entryId } : {}) };
    data.history = [...(data.history ?? []), item].slice(-MAX_SUMMARY_ITEMS);
  }

  /** "Helpful" / "not helpful" on an answer: the outcome of the last question it answered. */
  async rate(context: TurnContext, entryId: string, helpful: boolean): Promise<void> {
    const item = [...(await this.items(context))].reverse().find((i) => i.entryId === entryId);
    if (item) item.outcome = helpful ? 'helpful' : 'not-helpful';
  }

  /** An action noted as started ('action-failed' until then) that completed. */
  async actionCompleted(context: TurnContext): Promise<void> {
    const item = [...(await this.items(context))].reverse().find((i) => i.outcome === 'action-failed');
    if (item) item.outcome = 'action-completed';
  }

  /** Oldest first. */
  async items(context: TurnContext): Promise<HistoryItem[]> {
    return (await this.conversationData.get(context, {})).history ?? [];
  }
}
