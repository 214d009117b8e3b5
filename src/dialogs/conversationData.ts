import type { Language } from '../faq/language';

/** What the bot keeps about a conversation between turns: nothing more than the flow needs. */
export interface ConversationData {
  lang?: Language;
  welcomed?: boolean;
}
