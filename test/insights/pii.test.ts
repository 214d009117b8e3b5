import fc from 'fast-check';
import { maskPii } from '../../src/security/pii';

/** Digits only: what is left of a number once spaces, dashes and dots are ignored. */
const digitsOf = (text: string) => text.replace(/\D/g, '');

describe('maskPii', () => {
  test.each([
    ['KPT12345678', 'KPT******78'],
    ['kpt 1234 5678', 'KPT******78'],
    ['KPT-12345678', 'KPT******78'],
    ['KPT.1234.5678', 'KPT******78'],
    ['meine Nr. ist kpt1234 5678!', 'meine Nr. ist KPT******78!'],
    ['mon numéro: CPT 1234-5678', 'mon numéro: KPT******78'],
  ])('a contract number as users type it: %s', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  test.each([
    '079 123 45 67',
    '0791234567',
    '079/123.45.67',
    '+41 79 123 45 67',
    '+41 (0)79 123 45 67',
    '0041 79 123 45 67',
    '+49 30 1234567',
    '+33 6 12 34 56 78',
  ])('a phone number: %s', (phone) => {
    const masked = maskPii(`Bitte rufen Sie mich an: ${phone}, danke`);

    expect(masked).toBe('Bitte rufen Sie mich an: [phone], danke');
  });

  test.each([
    'CH93 0076 2011 6238 5295 7',
    'CH9300762011623852957',
    'ch93 0076 2011 6238 5295 7',
    'DE89 3704 0044 0532 0130 00',
    'FR76 3000 6000 0112 3456 7890 189',
  ])('an IBAN, whole: %s', (iban) => {
    const masked = maskPii(`Meine IBAN ist ${iban}, danke`);

    expect(masked).toBe('Meine IBAN ist [IBAN], danke');
  });

  test('words and years that look a little like an IBAN stay', () => {
    expect(maskPii('Formular ab12 cdef ghij für 2025')).toBe('Formular ab12 cdef ghij für 2025');
  });

  test.each(['hans.muster@bluewin.ch', 'Marie-Claire+kpt@example.co.uk', 'élise@exemple.ch'])(
    'an e-mail address: %s',
    (email) => {
      expect(maskPii(`écrivez à ${email} svp`)).toBe('écrivez à [e-mail] svp');
    },
  );

  test.each(['483920', '483 920', 'KPT1234567'])('a one-time code or other long number: %s', (text) => {
    expect(digitsOf(maskPii(`Code ${text} geht nicht`))).toBe('');
  });

  test.each([
    ['ＫＰＴ１２３４５６７８', 'KPT******78'],
    ['KPT١٢٣٤٥٦٧٨', 'KPT******78'],
    ['Code ४८३९२०, bitte', 'Code [number], bitte'],
    ['hans.muster＠bluewin.ch', '[e-mail]'],
    ['０７９ １２３ ４５ ６７', '[phone]'],
  ])('written in fullwidth or another script’s digits, still masked: %s', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  test('a text with fullwidth characters or other digits but nothing personal stays as written', () => {
    for (const text of ['Ｐａｓｓｗｏｒｔ vergessen', 'Rabatt ٥٪ ?', 'Où\u202fest mon code ?']) {
      expect(maskPii(text)).toBe(text);
    }
  });

  test('keeps what says what the question is about: years, percentages, amounts', () => {
    const text = 'Steuerbescheinigung 2024, 5% Rabatt, Prämie 350 Franken, 3 Jahre';

    expect(maskPii(text)).toBe(text);
  });

  test('no contract number survives, in any accepted spelling and any surrounding text', () => {
    const separator = fc.constantFrom('', ' ', '-', '.', '/');
    const contract = fc
      .tuple(
        fc.constantFrom('KPT', 'kpt', 'Kpt', 'CPT', 'cpt'),
        separator,
        fc.stringMatching(/^\d{4}$/),
        separator,
        fc.stringMatching(/^\d{4}$/),
      )
      .map(([prefix, s1, a, s2, b]) => ({ typed: `${prefix}${s1}${a}${s2}${b}`, digits: `${a}${b}` }));
    const words = fc.stringMatching(/^[a-zäöü ,.?]{0,20}$/);

    fc.assert(
      fc.property(words, contract, words, (before, { typed, digits }, after) => {
        const masked = maskPii(`${before} ${typed} ${after}`);
        expect(digitsOf(masked)).not.toContain(digits.slice(0, 6));
        expect(masked).toContain(`KPT******${digits.slice(-2)}`);
      }),
    );
  });
});

test('an IPv4 address in a log line stays readable; phone numbers and codes next to it are still masked', () => {
  expect(maskPii('reply to http://127.0.0.1:3978/v3 failed, caller 192.168.100.200')).toBe(
    'reply to http://127.0.0.1:3978/v3 failed, caller 192.168.100.200',
  );
  expect(maskPii('10.0.0.1 ruft 079 123 45 67 an, Code 123456')).toBe(
    '10.0.0.1 ruft [phone] an, Code [number]',
  );
  expect(maskPii('Code 12.34.56 und 999.999.1.1')).not.toMatch(/12\.34\.56|999\.999/);
});

describe('a token typed or pasted into a question', () => {
  test.each([
    ['mein Token ist eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc', 'mein Token ist [token]'],
    ['Authorization: Bearer abc.DEF-123_xyz', 'Authorization: [token]'],
  ])('%s is stored masked', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });
});
