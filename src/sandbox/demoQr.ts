// `npx tsx src/sandbox/demoQr.ts` writes docs/demo-totp-qr.png, the QR code of the demo
// authenticator (KPT10000003). A test checks that the PNG and docs/demo-customers.md are current.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { DEMO_TOTP_SECRET } from './customers';
import { totpUri } from './totp';

export const DEMO_TOTP_CONTRACT = 'KPT10000003';
export const DEMO_QR_PATH = path.resolve(__dirname, '../../docs/demo-totp-qr.png');

export const demoTotpUri = (): string => totpUri(DEMO_TOTP_SECRET, DEMO_TOTP_CONTRACT);

export function renderDemoQr(): Promise<Buffer> {
  return QRCode.toBuffer(demoTotpUri(), { type: 'png', width: 320, margin: 2 });
}

if (require.main === module) {
  renderDemoQr()
    .then((png) => {
      writeFileSync(DEMO_QR_PATH, png);
      console.log(`wrote ${DEMO_QR_PATH}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
