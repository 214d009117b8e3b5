import { PDFDocument } from 'pdf-lib';
import { certificateFigures, certificateIssuedAt, certificateYears } from '../../src/sandbox/certificates';
import { DEMO_CUSTOMERS } from '../../src/sandbox/customers';
import { formatChf, renderTaxCertificate } from '../../src/sandbox/pdf';

const TITLES = { de: 'Steuerbescheinigung', fr: 'Attestation fiscale', it: 'Attestato fiscale' };

// The standard PDF fonts only encode WinAnsi: every label of every language must render.
test.each(DEMO_CUSTOMERS.map((c) => [c.contractNumber, c] as const))(
  '%s: every certificate renders',
  async (_, customer) => {
    for (const year of certificateYears(customer, new Date('2026-03-10T09:00:00Z'))) {
      const figures = certificateFigures(customer.contractNumber, year);
      const bytes = await renderTaxCertificate({
        customer,
        year,
        issuedAt: certificateIssuedAt(year),
        figures,
      });
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getTitle()).toBe(`${TITLES[customer.language]} ${year}`);
    }
  },
);

test('figures are deterministic and plausible', () => {
  const figures = certificateFigures('KPT10000001', 2025);
  expect(certificateFigures('KPT10000001', 2025)).toEqual(figures);
  expect(figures.premiumsCents).toBeGreaterThanOrEqual(12 * 28_000);
  expect(figures.premiumsCents).toBeLessThan(12 * 50_000);
  expect(certificateFigures('KPT10000001', 2024)).not.toEqual(figures);
});

test('amounts are formatted the Swiss way', () => {
  expect(formatChf(481260)).toBe("CHF 4'812.60");
  expect(formatChf(5)).toBe('CHF 0.05');
  expect(formatChf(123456789)).toBe("CHF 1'234'567.89");
});
