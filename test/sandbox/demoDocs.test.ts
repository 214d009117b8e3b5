// docs/demo-customers.md and docs/demo-totp-qr.png describe the sandbox: keep them in step with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CUSTOMERS, DEMO_TOTP_SECRET, findCustomer } from '../../src/sandbox/customers';
import { DEMO_QR_PATH, DEMO_TOTP_CONTRACT, demoTotpUri, renderDemoQr } from '../../src/sandbox/demoQr';

const markdown = readFileSync(path.resolve(__dirname, '../../docs/demo-customers.md'), 'utf8');

test('every demo customer is in the table with language and login mode', () => {
  for (const customer of DEMO_CUSTOMERS) {
    const row = markdown.split('\n').find((line) => line.startsWith(`| ${customer.contractNumber} |`));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${customer.name} | ${customer.language} |`);
    expect(row).toContain(`| ${customer.loginMode} |`);
  }
});

test('the authenticator customer, secret and URI in the doc are the sandbox ones', () => {
  expect(findCustomer(DEMO_TOTP_CONTRACT)?.totpSecret).toBe(DEMO_TOTP_SECRET);
  expect(markdown).toContain(DEMO_TOTP_SECRET);
  expect(markdown).toContain(demoTotpUri());
});

test('the QR code image encodes the current URI (regenerate: npx tsx src/sandbox/demoQr.ts)', async () => {
  expect(readFileSync(DEMO_QR_PATH).equals(await renderDemoQr())).toBe(true);
});
