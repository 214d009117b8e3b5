// Which tax certificates exist and their (deterministic, fictional) figures.
import { createHash } from 'node:crypto';
import type { DemoCustomer } from './customers';

export interface CertificateFigures {
  premiumsCents: number;
  benefitsCents: number;
}

/** Newest first, relative to the sandbox clock so the demo data never ages. */
export function certificateYears(customer: DemoCustomer, now: Date): number[] {
  const current = now.getUTCFullYear();
  return [...customer.certificateYearsBack].sort((a, b) => a - b).map((back) => current - back);
}

/** Certificates for a year are issued on 15 January of the next year. */
export function certificateIssuedAt(year: number): string {
  return new Date(Date.UTC(year + 1, 0, 15, 8)).toISOString();
}

export function certificateFigures(contractNumber: string, year: number): CertificateFigures {
  const hash = createHash('sha256').update(`${contractNumber}:${year}`).digest();
  const monthlyPremiumCents = 28_000 + (hash.readUInt16BE(0) % 22_000); // CHF 280.00–499.99
  const benefitsCents = hash.readUInt32BE(2) % 600_000; // CHF 0.00–5'999.99
  return { premiumsCents: monthlyPremiumCents * 12, benefitsCents };
}
