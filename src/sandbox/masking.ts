// Masked destinations, real and decoy. Decoys have exactly the shape of real masks and are derived
// from an HMAC of the contract number, so asking twice gives the same answer (non-enumeration).
import { createHmac, randomBytes } from 'node:crypto';
import type { LoginCodeChannel } from '../backend/schemas';
import { maskEmail, maskPhone } from '../security/contact';
import type { Language } from './customers';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LANGUAGES: readonly Language[] = ['de', 'fr', 'it'];

export class DecoyMasks {
  // Per sandbox instance: stable within a run, not guessable from outside.
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  destination(contractNumber: string, channel: LoginCodeChannel): string {
    const b = createHmac('sha256', this.key).update(`${channel}:${contractNumber}`).digest();
    if (channel === 'sms') {
      return `+41 7${5 + (b[0]! % 5)} *** ** ${String(b[1]! % 100).padStart(2, '0')}`;
    }
    return `${LETTERS[b[2]! % 26]}***@${LETTERS[b[3]! % 26]}***.${b[4]! % 3 === 0 ? 'com' : 'ch'}`;
  }

  /** A language for a number with no customer, so that the prefix of its reference gives nothing away. */
  language(contractNumber: string): Language {
    const b = createHmac('sha256', this.key).update(`language:${contractNumber}`).digest();
    return LANGUAGES[b[0]! % LANGUAGES.length]!;
  }
}

/** Where a message for this channel goes: a real contact, or (address undefined) a decoy mask. */
export interface Destination {
  address?: string;
  masked: string;
}

export function destinationFor(
  contact: { mobile?: string; email?: string } | undefined,
  contractNumber: string,
  channel: LoginCodeChannel,
  decoys: DecoyMasks,
): Destination {
  const address = channel === 'sms' ? contact?.mobile : contact?.email;
  if (address === undefined) return { masked: decoys.destination(contractNumber, channel) };
  return { address, masked: channel === 'sms' ? maskPhone(address) : maskEmail(address) };
}
