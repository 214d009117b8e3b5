// The references the sandbox hands out for what it did (docs/openapi.yaml Reference). One sequence per
// year for every operation and both prefixes, so that a number names one thing done.
import type { Language } from './customers';

export class ReferenceBook {
  private readonly sequences = new Map<number, number>();

  /** The prefix follows the person's language: KPT in German, CPT in French and Italian. */
  next(language: Language, now: Date): string {
    const year = now.getUTCFullYear();
    const sequence = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, sequence);
    const prefix = language === 'de' ? 'KPT' : 'CPT';
    return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
  }
}
