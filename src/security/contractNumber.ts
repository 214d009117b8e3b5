/** An online contract number in its canonical form: "KPT" followed by eight digits. */
export type ContractNumber = string & { readonly __brand: 'ContractNumber' };

/** Canonical example shown to users who typed something else. */
export const CONTRACT_NUMBER_EXAMPLE = 'KPT12345678';

/**
 * Accepts what users type: "KPT12345678", "kpt 1234 5678", "KPT-12345678", "KPT.1234.5678", "KPT: 12345678", and "CPT…",
 * the insurer's French and Italian name, which French- and Italian-speaking users naturally write: it is
 * returned as "KPT…", the only form the backend knows. Anything else (another prefix, seven or nine digits,
 * letters among the digits) is undefined.
 */
export function parseContractNumber(text: string): ContractNumber | undefined {
  const compact = text
    .trim()
    .replace(/[\s\-./:]/g, '')
    .toUpperCase();
  return /^[KC]PT\d{8}$/.test(compact) ? (`KPT${compact.slice(3)}` as ContractNumber) : undefined;
}

/** A contract number safe for logs and transcripts: "KPT******78". */
export function maskContractNumber(contract: ContractNumber): string {
  return `${contract.slice(0, 3)}******${contract.slice(-2)}`;
}
