import type { SupportOutcome, SupportReason } from '../actions/supportRequests';
import type { Language } from '../language';

/** A verified identity: the backend access token, sealed, and when the verification lapses. */
export interface VerifiedSession {
  sealedToken: string;
  /** The verified contract number, sealed: a support request carries it. */
  sealedContract?: string;
  /** Epoch ms; every turn of the verified user moves it on by the idle limit. */
  until: number;
}

/**
 * The last FAQ question, masked, while it may still lead to a suggested alternate (suggestionObserver.ts):
 * kept for a few minutes at most, and only in the conversation state.
 */
export interface RecentQuestion {
  lang: Language;
  text: string;
  outcome: 'answer' | 'ambiguous' | 'fallback';
  /** The entry answered with; the entries offered by "did you mean". */
  entryId?: string;
  candidates: string[];
  /** The answer was rated "not helpful". */
  notHelpful?: boolean;
  /** Epoch ms. */
  at: number;
}

/** What the bot keeps about a conversation between turns: nothing more than the flow needs. */
export interface ConversationData {
  lang?: Language;
  welcomed?: boolean;
  verified?: VerifiedSession;
  recentQuestion?: RecentQuestion;
  /** The entry of the last answer shown, until its "helpful" / "not helpful" counts (once, for it only). */
  lastAnswer?: string;
  /** The last questions and what came of them, masked: a support request's summary (conversationHistory.ts). */
  history?: HistoryItem[];
  /** The bot's last message offered a support request as its question: a plain "yes" takes it up. */
  supportOffered?: SupportReason;
}

/** One question of the conversation and its outcome, the person's words already masked. */
export interface HistoryItem {
  question: string;
  entryId?: string;
  outcome: SupportOutcome;
}
