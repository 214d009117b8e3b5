// Renders a one-page tax certificate in the customer's language with pdf-lib (loaded on the first certificate:
// a fifth of a second that every start would otherwise pay).
import type { DemoCustomer, Language } from './customers';
import type { CertificateFigures } from './certificates';

interface Labels {
  /** The insurer's name in this language: KPT in German, CPT in French and Italian. */
  brand: string;
  title: string;
  insured: string;
  contract: string;
  year: string;
  premiums: string;
  benefits: string;
  issued: string;
  footer: string;
}

const LABELS: Record<Language, Labels> = {
  de: {
    brand: 'KPT',
    title: 'Steuerbescheinigung',
    insured: 'Versicherte Person',
    contract: 'Vertragsnummer',
    year: 'Steuerjahr',
    premiums: 'Bezahlte Prämien',
    benefits: 'Vergütete Leistungen',
    issued: 'Ausgestellt am',
    footer: 'Demo-Dokument der KPT-Sandbox – keine echte Bescheinigung.',
  },
  fr: {
    brand: 'CPT',
    title: 'Attestation fiscale',
    insured: 'Personne assurée',
    contract: 'Numéro de contrat',
    year: 'Année fiscale',
    premiums: 'Primes payées',
    benefits: 'Prestations remboursées',
    issued: 'Établie le',
    footer: 'Document de démonstration du sandbox CPT – pas une attestation réelle.',
  },
  it: {
    brand: 'CPT',
    title: 'Attestato fiscale',
    insured: 'Persona assicurata',
    contract: 'Numero di contratto',
    year: 'Anno fiscale',
    premiums: 'Premi pagati',
    benefits: 'Prestazioni rimborsate',
    issued: 'Emesso il',
    footer: 'Documento dimostrativo della sandbox CPT – non è un attestato reale.',
  },
};

export interface CertificateInput {
  customer: DemoCustomer;
  year: number;
  issuedAt: string;
  figures: CertificateFigures;
}

export async function renderTaxCertificate({
  customer,
  year,
  issuedAt,
  figures,
}: CertificateInput): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const labels = LABELS[customer.language];
  const title = `${labels.title} ${year}`;
  const doc = await PDFDocument.create();
  const issued = new Date(issuedAt);
  // Fixed metadata keeps the bytes stable for a given customer and year.
  doc.setTitle(title);
  doc.setAuthor(`${labels.brand} Sandbox`);
  doc.setProducer(`${labels.brand} Sandbox`);
  doc.setCreator(`${labels.brand} Sandbox`);
  doc.setLanguage(`${customer.language}-CH`);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);

  const page = doc.addPage([595.28, 841.89]); // A4
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawText(labels.brand, { x: 56, y: 770, size: 28, font: bold, color: rgb(0, 0.35, 0.3) });
  page.drawText(title, { x: 56, y: 710, size: 20, font: bold });

  const rows: [string, string][] = [
    [labels.insured, customer.name],
    [labels.contract, customer.contractNumber],
    [labels.year, String(year)],
    [labels.premiums, formatChf(figures.premiumsCents)],
    [labels.benefits, formatChf(figures.benefitsCents)],
    [labels.issued, formatDate(issued)],
  ];
  rows.forEach(([label, value], index) => {
    const y = 650 - index * 28;
    page.drawText(label, { x: 56, y, size: 12, font: regular });
    page.drawText(value, { x: 260, y, size: 12, font: bold });
  });
  page.drawText(labels.footer, { x: 56, y: 60, size: 9, font: regular, color: rgb(0.4, 0.4, 0.4) });
  return doc.save();
}

/** Swiss style with an ASCII apostrophe: the standard PDF fonts cannot encode U+2019 / U+202F. */
export function formatChf(cents: number): string {
  const francs = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "'");
  return `CHF ${francs}.${String(cents % 100).padStart(2, '0')}`;
}

function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}
