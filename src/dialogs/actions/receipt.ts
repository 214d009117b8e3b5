import type { Replies } from '../replies';

/** The person's clock, whatever zone the server runs in. */
const TIME_ZONE = 'Europe/Zurich';

export interface ReceiptFacts {
  /** The locales key (under `receipt.done`) saying what was done, and its values: never a code or address. */
  done: string;
  params?: Record<string, unknown>;
  /** The reference the backend returned for it. */
  reference: string;
  at: Date;
}

/**
 * The receipt that ends a completed action, as the last paragraph of the reply that completes it: what was
 * done, when (Swiss time, in the person's language), the backend's reference and what to do if it was not
 * them. Made only of what the turn has in hand: the bot stores nothing for it.
 */
export function receipt(replies: Replies, facts: ReceiptFacts): string {
  const locale = `${replies.lang}-CH`;
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'long' }).format(facts.at);
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'short' }).format(facts.at);
  const done = replies.text(`receipt.done.${facts.done}`, facts.params);
  return replies.text('receipt.text', { done, date, time, reference: facts.reference });
}
