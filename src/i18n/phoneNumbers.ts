/**
 * A Swiss or international phone number written in digit groups ("0800 815 415", "+41 58 585 83 48",
 * "+41 (0)58 …"): a prefix (+ and country code, or 0 and area code) and two to four more groups.
 */
const PHONE_NUMBER =
  /(?<![\p{L}\p{N}+])(?:\+\d{2,3}|0\d{1,3})(?:[ \u00A0](?:\(0\)[ \u00A0]?)?\d{2,4}){2,4}(?![\p{L}\p{N}])/gu;

/**
 * The text with the digit groups of each phone number joined by non-breaking spaces, so that a narrow chat
 * bubble never wraps a number in the middle. Support staff write plain spaces in the content; this is the step
 * that renders them (UI strings and FAQ answers alike).
 */
export function keepPhoneNumbersTogether(text: string): string {
  return text.replace(PHONE_NUMBER, (number) => number.replace(/ /g, '\u00A0'));
}
