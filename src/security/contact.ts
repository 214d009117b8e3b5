/**
 * How a person can be reached (e-mail or phone), as typed in a chat: found, checked and normalised, and
 * masked wherever it is shown back or printed.
 */
export type Contact = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** One address, nothing unusual around the @ (the backend checks it again). */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/u;
const SEPARATOR = String.raw`[\s\-./]*`;
/**
 * International ("+41 79 123 45 67", "0041 79…", "+41 (0)79…") and Swiss ("079 123 45 67", "079/123.45.67"): one
 * spelling, so that every number taken as a contact is also one the PII masking hides (src/security/pii.ts).
 */
export const PHONE_NUMBER_SPELLING = String.raw`(?:(?:\+|\b00)\d{1,3}${SEPARATOR}(?:\(0\)${SEPARATOR})?|\b0)(?:\d${SEPARATOR}){7,11}\d(?!\d)`;
const PHONE = new RegExp(PHONE_NUMBER_SPELLING);
/** E.164 as the backend expects it (docs/openapi.yaml). */
const E164 = /^\+[1-9]\d{6,14}$/;
/** A Swiss number without country code has ten digits ("079 123 45 67"). */
const SWISS_DIGITS = 10;

/** "+41 (0)79 123 45 67" → "+41791234567"; Swiss numbers without country code get +41. */
function phoneAsE164(written: string): string | undefined {
  const digits = written.replace(/\(0\)/, '').replace(/[^\d+]/g, '');
  let international: string;
  if (digits.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = `+${digits.slice(2)}`;
  else if (digits.length === SWISS_DIGITS) international = `+41${digits.slice(1)}`;
  else return undefined;
  return E164.test(international) ? international : undefined;
}

/** The e-mail address or phone number in a message ("meine Nummer ist 079 123 45 67"), or undefined. */
export function contactIn(text: string): Contact | undefined {
  const email = text.match(EMAIL)?.[0];
  if (email) return { kind: 'email', value: email.toLowerCase() };
  const phone = text.match(PHONE)?.[0];
  const value = phone === undefined ? undefined : phoneAsE164(phone);
  return value === undefined ? undefined : { kind: 'phone', value };
}

/** '+41795550001' → '+41 79 *** ** 01' */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)} ${e164.slice(3, 5)} *** ** ${e164.slice(-2)}`;
}

/** 'anna.muster@example.com' → 'a***@e***.com' */
export function maskEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return `${local.charAt(0)}***@${domain.charAt(0)}***.${tld}`;
}

export function maskContact(contact: Contact): string {
  return contact.kind === 'phone' ? maskPhone(contact.value) : maskEmail(contact.value);
}
