// Extra portal login codes, sent to the contact on file; unknown numbers get a decoy answer.
import type { LoginCodeChannel, LoginCodeSentWire } from '../backend/schemas';
import { findCustomer } from './customers';
import { destinationFor, type DecoyMasks } from './masking';
import { newCode } from './oneTimeCodes';
import { deliver, type Log } from './outbox';
import type { SendLimiter } from './sendLimiter';

export type LoginCodeOutcome =
  { type: 'sent'; body: LoginCodeSentWire } | { type: 'rate-limited'; retryAfterSeconds: number };

export interface LoginCodeDeps {
  log: Log;
  limiter: SendLimiter;
  decoys: DecoyMasks;
}

export function sendLoginCode(
  deps: LoginCodeDeps,
  contractNumber: string,
  channel: LoginCodeChannel,
  nowMs: number,
): LoginCodeOutcome {
  const wait = deps.limiter.take(contractNumber, nowMs);
  if (wait !== undefined) return { type: 'rate-limited', retryAfterSeconds: wait };
  const destination = destinationFor(findCustomer(contractNumber), contractNumber, channel, deps.decoys);
  if (destination.address === undefined) {
    deps.log(`[outbox] nothing sent: no ${channel} contact on file (${contractNumber})`);
  } else {
    deliver(deps.log, channel, destination.address, contractNumber, `KPT portal login code ${newCode()}`);
  }
  return { type: 'sent', body: { maskedDestination: destination.masked } };
}
