import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
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

/** The text drawn on the first page: pdf-lib writes each string as hex in a (deflated) content stream. */
async function pageText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes);
  const contents = pdf.getPage(0).node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents];
  const raw = streams
    .map((stream) =>
      stream instanceof PDFRawStream ? inflateSync(stream.getContents()).toString('latin1') : '',
    )
    .join('\n');
  return [...raw.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)]
    .map((m) => Buffer.from(m[1], 'hex').toString('latin1'))
    .join('\n');
}

test.each([
  ['de', 'KPT'],
  ['fr', 'CPT'],
  ['it', 'CPT'],
] as const)('the %s certificate carries the brand %s in its header and footer', async (lang, brand) => {
  const customer = DEMO_CUSTOMERS.find((c) => c.language === lang)!;
  const year = certificateYears(customer, new Date('2026-03-10T09:00:00Z'))[0];
  const bytes = await renderTaxCertificate({
    customer,
    year,
    issuedAt: certificateIssuedAt(year),
    figures: certificateFigures(customer.contractNumber, year),
  });
  const [header, ...rest] = (await pageText(bytes)).split('\n');
  expect(header).toBe(brand);
  expect(rest.at(-1)).toContain(brand);
  expect(rest.at(-1)).not.toContain(brand === 'KPT' ? 'CPT' : 'KPT');
  expect((await PDFDocument.load(bytes)).getAuthor()).toBe(`${brand} Sandbox`);
});
