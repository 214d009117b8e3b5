import { isIP } from 'node:net';
import { PHONE_NUMBER_SPELLING } from './contact';
import { CONTRACT_NUMBER_SPELLING, maskContractNumber, parseContractNumber } from './contractNumber';

/** What stands in for personal data that was masked: readable, and never mistaken for the data itself. */
export const PII_PLACEHOLDERS = {
  email: '[e-mail]',
  phone: '[phone]',
  iban: '[IBAN]',
  number: '[number]',
  password: '[password]',
  token: '[token]',
} as const;

/** Credentials a person may paste or a library may print: bearer tokens and JWTs. */
const CREDENTIALS = [/\bBearer\s+[\w.~+/-]+=*/gi, /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g];

const SEPARATOR = String.raw`[\s\-./]*`;

/** Every spelling of a contract number the bot accepts (src/security/contractNumber.ts). */
const CONTRACT_NUMBER = new RegExp(String.raw`\b${CONTRACT_NUMBER_SPELLING}`, 'giu');
/** Parts bounded as in RFC 5321 (64 before the @, 63 per label), so a long word costs linear time, not quadratic. */
export const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+/gu;
/** Every spelling of a phone number the bot takes as a contact (src/security/contact.ts). */
const PHONE = new RegExp(PHONE_NUMBER_SPELLING, 'g');
/**
 * An IBAN (Swiss "CH93 0076 2011 6238 5295 7", or any European one): country, check digits, then groups of
 * four with or without spaces. Masked whole before phones, which would otherwise take its middle.
 */
const IBAN = /\b[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,3})?\b/gi;
/** An IBAN has at least 10 digits after its country; a word like "ab12 cdef ghij" is left alone. */
const IBAN_MIN_DIGITS = 10;

/** One-time codes (six digits) and any other run of six or more digits, separated or not. */
const LONG_NUMBER = new RegExp(String.raw`(?<!\d)(?:\d${SEPARATOR}){5,}\d(?!\d)`, 'g');

/** Password words in de/fr/it/en, then what links them to the password ("ist", "est", "è", ":", …). */
const PASSWORD = new RegExp(
  String.raw`(?<!\p{L})(passw[oö]rt|kennwort|passwor[dt]s?|pwd?|mots? de passe|mdp|parola d['’]ordine|parola chiave)` +
    String.raw`(\s*[:=]\s*|\s+(?:ist|lautet|heisst|war|est|c['’]est|était|è|e['’]|era|is|was)\s+(?:[:=]\s*)?|\s+)(\S+)`,
  'giu',
);
/** A word that is no ordinary word: digits, symbols or capitals after its first letter ("Hunter2!"). */
const SECRET_LOOKING = /[^\p{L}]|.\p{Lu}/u;

/** The word after a password word, if it may be the password: always after "is"/":", else if it looks like one. */
function maskPasswords(text: string): string {
  return text.replace(PASSWORD, (match, word: string, link: string, next: string) => {
    const bare = next.replace(/[.,;!?]+$/, '');
    const linked = link.trim() !== '';
    return linked || SECRET_LOOKING.test(bare) ? `${word}${link}${PII_PLACEHOLDERS.password}` : match;
  });
}

/** An IPv4 address ("127.0.0.1" in a log line) is no phone or code: its digits would otherwise look like one. */
function unlessAddress(placeholder: string): (match: string) => string {
  return (match) => (isIP(match.trim()) === 4 ? match : placeholder);
}

function digitsIn(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** Fullwidth forms ("ＫＰＴ１２３", "＠") and decimal digits of other scripts ("١٢٣"), which ASCII patterns miss. */
const LOOKALIKES = /[\uFF01-\uFF5E]|(?![0-9])\p{Nd}/gu;
const FULLWIDTH_OFFSET = 0xfee0;
const DIGIT = /^\p{Nd}$/u;

/** A decimal digit's value: Unicode puts each script's digits 0–9 in a row, so it is its place in the row. */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return (codePoint - zero) % 10;
}

/** The text with fullwidth characters and other scripts' digits as their ASCII counterparts. */
function foldLookalikes(text: string): string {
  return text.replace(LOOKALIKES, (character) => {
    const codePoint = character.codePointAt(0)!;
    return codePoint >= 0xff01 && codePoint <= 0xff5e
      ? String.fromCodePoint(codePoint - FULLWIDTH_OFFSET)
      : String(digitValue(codePoint));
  });
}

/**
 * Masks the personal data a user may type into a question before it is stored or logged: contract
 * numbers (masked like everywhere else, "KPT******78"), tokens, IBANs, e-mail addresses, phone numbers and one-time codes
 * or other long numbers, and a password typed after a password word ("mein Passwort ist …"). Years,
 * amounts, short numbers and "Passwort vergessen" stay: they say what the question is about.
 */
export function maskPii(text: string): string {
  // Written in fullwidth or another script's digits, personal data is masked all the same; text with nothing to
  // mask is returned as it was written.
  const folded = foldLookalikes(text);
  if (folded === text) return maskAscii(text);
  const masked = maskAscii(folded);
  return masked === folded ? text : masked;
}

function maskAscii(text: string): string {
  return CREDENTIALS.reduce(
    (masked, pattern) => masked.replace(pattern, PII_PLACEHOLDERS.token),
    maskPasswords(text),
  )
    .replace(IBAN, (match) => (digitsIn(match) >= IBAN_MIN_DIGITS ? PII_PLACEHOLDERS.iban : match))
    .replace(CONTRACT_NUMBER, (match) => {
      const contract = parseContractNumber(match);
      return contract ? maskContractNumber(contract) : PII_PLACEHOLDERS.number;
    })
    .replace(EMAIL_ADDRESS, PII_PLACEHOLDERS.email)
    .replace(PHONE, unlessAddress(PII_PLACEHOLDERS.phone))
    .replace(LONG_NUMBER, unlessAddress(PII_PLACEHOLDERS.number));
}

const MASKED = new RegExp(
  [
    ...Object.values(PII_PLACEHOLDERS).map((p) => p.replace(/[[\]]/g, '\\$&')),
    String.raw`\b[A-Z]{3}\*+\d{2}\b`,
  ].join('|'),
  'g',
);

/**
 * The text without the personal data maskPii finds: a contract number, a phone number or an address says
 * nothing about what is asked, and its pieces ("079", "example", "com") would only dilute the match.
 */
export function withoutPii(text: string): string {
  return maskPii(text).replace(MASKED, ' ');
}
