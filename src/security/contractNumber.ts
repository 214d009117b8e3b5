/** An online contract number in its canonical form: "KPT" followed by eight digits. */
export type ContractNumber = string & { readonly __brand: 'ContractNumber' };

/** Canonical example shown to users who typed something else. */
export const CONTRACT_NUMBER_EXAMPLE = 'KPT12345678';

/** Between the parts of a contract number: spaces, any dash, dots, slashes, colons, underscores. */
const SEPARATOR = String.raw`[\s\p{Pd}./:_#]*`;
/**
 * A contract number as users write it, anywhere in a text: "KPT12345678", "kpt 1234 5678", "KPT–1234–5678",
 * "K.P.T. 1234.5678", "KPT Nr. 12345678", "CPT n° 12345678". CPT is the insurer's French and Italian name,
 * so French- and Italian-speaking users naturally write it.
 */
export const CONTRACT_NUMBER_SPELLING = String.raw`[kc]\.?\s?p\.?\s?t\.?${SEPARATOR}(?:(?:nr|no|n°|num(?:éro|ero|mer)?)\.?${SEPARATOR})?(?:\d${SEPARATOR}){7}\d(?!\d)`;
const WHOLE = new RegExp(`^${SEPARATOR}${CONTRACT_NUMBER_SPELLING}${SEPARATOR}$`, 'iu');

/**
 * The contract number a text consisting of one (CONTRACT_NUMBER_SPELLING), in the only form the backend
 * knows: "KPT" and the eight digits. Anything else (another prefix, seven or nine digits, letters among the
 * digits) is undefined.
 */
export function parseContractNumber(text: string): ContractNumber | undefined {
  if (!WHOLE.test(text)) return undefined;
  return `KPT${text.replace(/\D/g, '')}` as ContractNumber;
}

/** A contract number safe for logs and transcripts: "KPT******78". */
export function maskContractNumber(contract: ContractNumber): string {
  return `${contract.slice(0, 3)}******${contract.slice(-2)}`;
}
