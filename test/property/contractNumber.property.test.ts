import fc from 'fast-check';
import { maskContractNumber, parseContractNumber } from '../../src/security/contractNumber';

const eightDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 });
const separator = fc.constantFrom('', ' ', '-', '.', '/', '  ');

describe('contract-number parser', () => {
  test('any input: undefined or the canonical form, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const parsed = parseContractNumber(text);
        if (parsed !== undefined) expect(parsed).toMatch(/^KPT\d{8}$/);
      }),
      { numRuns: 1000 },
    );
  });

  test('every spelling users type (case, spaces, dashes, dots, slashes, CPT in French/Italian) gives the same KPT number', () => {
    fc.assert(
      fc.property(
        eightDigits,
        fc.constantFrom('KPT', 'kpt', 'Kpt', 'kPt', 'CPT', 'cpt', 'Cpt'),
        fc.array(separator, { minLength: 9, maxLength: 9 }),
        (digits, prefix, seps) => {
          const typed = ` ${prefix}${seps[0]}${[...digits].map((d, i) => d + seps[i + 1]).join('')} `;
          expect(parseContractNumber(typed)).toBe(`KPT${digits}`);
        },
      ),
    );
  });

  test('seven or nine digits, another prefix or a letter among the digits: refused', () => {
    fc.assert(
      fc.property(
        eightDigits,
        fc.oneof(
          fc.constant((d: string) => `KPT${d.slice(1)}`),
          fc.constant((d: string) => `KPT${d}0`),
          fc.constant((d: string) => `KPX${d}`),
          fc.constant((d: string) => `CTP${d}`),
          fc.constant((d: string) => `KPT${d.slice(0, 4)}O${d.slice(5)}`),
        ),
        (digits, spoil) => expect(parseContractNumber(spoil(digits))).toBeUndefined(),
      ),
    );
  });

  test('the mask keeps only the prefix and the last two digits, and is not itself a contract number', () => {
    fc.assert(
      fc.property(eightDigits, (digits) => {
        const masked = maskContractNumber(parseContractNumber(`KPT${digits}`)!);
        expect(masked).toBe(`KPT******${digits.slice(-2)}`);
        expect(parseContractNumber(masked)).toBeUndefined();
      }),
    );
  });
});
