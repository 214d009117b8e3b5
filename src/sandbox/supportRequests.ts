// Support requests: a reference number per request and an e-mail to the web support in the outbox.
// The log is the sandbox's mail server, so everything personal in it is masked.
import type { SupportRequest, SupportRequestCreatedWire } from '../backend/schemas';
import { maskContractNumber, type ContractNumber } from '../security/contractNumber';
import { maskPii } from '../security/pii';
import { maskEmail, maskPhone } from '../security/contact';
import type { Log } from './outbox';
import type { ReferenceBook } from './references';
import { SendLimiter } from './sendLimiter';

export const MAX_REQUESTS_PER_CONTRACT = 3;
export const REQUEST_WINDOW_MS = 24 * 60 * 60 * 1000;

export type SupportRequestOutcome =
  { type: 'created'; body: SupportRequestCreatedWire } | { type: 'rate-limited'; retryAfterSeconds: number };

export class SupportDesk {
  private readonly limiter = new SendLimiter(MAX_REQUESTS_PER_CONTRACT, REQUEST_WINDOW_MS);

  constructor(
    private readonly log: Log,
    private readonly references: ReferenceBook,
  ) {}

  create(request: SupportRequest, now: Date): SupportRequestOutcome {
    // Unverified requests carry no contract number to count by; the bot limits them per conversation.
    if (request.contractNumber !== 'unverified') {
      const wait = this.limiter.take(request.contractNumber, now.getTime());
      if (wait !== undefined) return { type: 'rate-limited', retryAfterSeconds: wait };
    }
    const reference = this.references.next(request.language, now);
    this.log(supportMail(reference, request));
    return { type: 'created', body: { reference, createdAt: now.toISOString() } };
  }
}

/** The e-mail to the web support as one log entry, with contract number, contact and free text masked. */
export function supportMail(reference: string, request: SupportRequest): string {
  const { contact, contractNumber } = request;
  const customer =
    contractNumber === 'unverified'
      ? 'unverified'
      : `verified, ${maskContractNumber(contractNumber as ContractNumber)}`;
  const reach = contact.kind === 'phone' ? maskPhone(contact.value) : maskEmail(contact.value);
  const summary = request.summary.map(
    (item) => `  - "${maskPii(item.question)}" → ${item.outcome}${item.entryId ? ` (${item.entryId})` : ''}`,
  );
  return [
    `[outbox] E-mail to web support: request ${reference} (${request.language}, ${customer})`,
    `  Topic: ${maskPii(request.topic)}`,
    `  Description: ${maskPii(request.description)}`,
    `  Contact by ${contact.kind}: ${reach}`,
    `  Conversation (consent given):`,
    ...(summary.length > 0 ? summary : ['  (no earlier questions)']),
  ].join('\n');
}
