// Demo customers of the sandbox (fictional people and contacts). docs/demo-customers.md lists them.
import type { Channel, LoginMode } from '../backend/schemas';

export type Language = 'de' | 'fr' | 'it';

export interface DemoCustomer {
  contractNumber: string;
  name: string;
  language: Language;
  /** The factor to use in demos; any channel with a contact on file works. */
  factor: Channel;
  mobile?: string;
  email?: string;
  /** Base32 TOTP secret of an enrolled authenticator. */
  totpSecret?: string;
  loginMode: LoginMode;
  /** Calendar years before the current one that have a tax certificate (1 = previous year). */
  certificateYearsBack: readonly number[];
}

/** Fixed so that testers can enrol it once (docs/demo-totp-qr.png). 20 bytes, as RFC 4226 asks. */
export const DEMO_TOTP_SECRET = 'KPTDEMOLUCAESEMPIOTOTPSECRET2345';

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    contractNumber: 'KPT10000001',
    name: 'Anna Muster',
    language: 'de',
    factor: 'sms',
    mobile: '+41795550001',
    email: 'anna.muster@example.com',
    loginMode: 'three-step',
    certificateYearsBack: [1, 2, 3],
  },
  {
    contractNumber: 'KPT10000002',
    name: 'Claire Exemple',
    language: 'fr',
    factor: 'email',
    email: 'claire.exemple@example.com',
    loginMode: 'three-step',
    certificateYearsBack: [1, 2, 3],
  },
  {
    contractNumber: 'KPT10000003',
    name: 'Luca Esempio',
    language: 'it',
    factor: 'totp',
    email: 'luca.esempio@example.com',
    totpSecret: DEMO_TOTP_SECRET,
    loginMode: 'three-step',
    certificateYearsBack: [1, 2],
  },
  {
    contractNumber: 'KPT10000004',
    name: 'Peter Beispiel',
    language: 'de',
    factor: 'sms',
    mobile: '+41795550004',
    loginMode: 'two-step',
    certificateYearsBack: [2, 3],
  },
];

export function findCustomer(contractNumber: string): DemoCustomer | undefined {
  return DEMO_CUSTOMERS.find((customer) => customer.contractNumber === contractNumber);
}
