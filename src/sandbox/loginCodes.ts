// Extra portal login codes, sent to the contact on file; unknown numbers get a decoy answer.
import type { LoginCodeChannel, LoginCodeSentWire } from '../backend/schemas';
import { findCustomer } from './customers';
import { destinationFor, type DecoyMasks } from './masking';
import { newCode } from './oneTimeCodes';
import { deliver, type Log } from './outbox';
import type { ReferenceBook } from './references';
import type { SendLimiter } from './sendLimiter';

export type LoginCodeOutcome =
  { type: 'sent'; body: LoginCodeSentWire } | { type: 'rate-limited'; retryAfterSeconds: number };

export interface LoginCodeDeps {
  log: Log;
  limiter: SendLimiter;
  decoys: DecoyMasks;
  references: ReferenceBook;
}

export function sendLoginCode(
  deps: LoginCodeDeps,
  contractNumber: string,
  channel: LoginCodeChannel,
  now: Date,
): LoginCodeOutcome {
  const wait = deps.limiter.take(contractNumber, now.getTime());
  if (wait !== undefined) return { type: 'rate-limited', retryAfterSeconds: wait };
  const customer = findCustomer(contractNumber);
  const destination = destinationFor(customer, contractNumber, channel, deps.decoys);
  const language = customer?.language ?? deps.decoys.language(contractNumber);
  if (destination.address === undefined) {
    deps.log(`[outbox] nothing sent: no ${channel} contact on file (${contractNumber})`);
  } else {
    deliver(deps.log, channel, destination.address, contractNumber, `KPT portal login code ${newCode()}`);
  }
  const reference = deps.references.next(language, now);
  return { type: 'sent', body: { maskedDestination: destination.masked, reference } };
}
