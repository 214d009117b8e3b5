import type { Language } from '../language';

/** A verified identity: the backend access token, sealed, and when the verification lapses. */
export interface VerifiedSession {
  sealedToken: string;
  /** Epoch ms; every turn of the verified user moves it on by the idle limit. */
  until: number;
}

/** What the bot keeps about a conversation between turns: nothing more than the flow needs. */
export interface ConversationData {
  lang?: Language;
  welcomed?: boolean;
  verified?: VerifiedSession;
}
