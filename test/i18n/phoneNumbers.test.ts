import { keepPhoneNumbersTogether } from '../../src/i18n/phoneNumbers';
import { transcript } from '../helpers/activities';
import { TestConversation } from '../helpers/conversation';

/** Where a bubble may wrap: at a plain space. A phone number must have none inside. */
const breakable = (number: string) => number.includes(' ');

describe('phone numbers never wrap in the middle of a bubble', () => {
  test('an FAQ answer written with plain spaces shows the number with non-breaking ones', async () => {
    const chat = new TestConversation('de-CH');
    const shown = transcript(await chat.send('Ich habe den Registrierungscode für Connect nicht erhalten'));
    const number = /\+41[\s\u00a0\d]+\d/.exec(shown)?.[0];
    expect(number?.replace(/\u00a0/g, ' ')).toBe('+41 58 585 83 48');
    expect(breakable(number!)).toBe(false);
  });

  test('the support line in the bot’s own messages, in each language', async () => {
    for (const [locale, line, askForHuman] of [
      ['de-CH', '0800 815 415', 'Ich möchte mit einem Menschen sprechen'],
      ['fr-CH', '0800 815 416', "J'aimerais parler avec un conseiller"],
      ['it-CH', '0800 815 417', 'Vorrei parlare con una persona'],
    ] as const) {
      const shown = transcript(await new TestConversation(locale).send(askForHuman));
      expect(shown).toContain(line.replace(/ /g, '\u00a0'));
      expect(shown).not.toContain(line);
    }
  });

  test.each([
    ['Telefon 0800 815 415.', 'Telefon 0800\u00a0815\u00a0415.'],
    ['unter +41 58 585 83 48 oder', 'unter +41\u00a058\u00a0585\u00a083\u00a048 oder'],
    ['+41 (0)58 310 91 11', '+41\u00a0(0)58\u00a0310\u00a091\u00a011'],
    ['au 0900 008 007 (tarif local)', 'au 0900\u00a0008\u00a0007 (tarif local)'],
  ])('%s', (written, shown) => {
    expect(keepPhoneNumbersTogether(written)).toBe(shown);
  });

  test.each([
    'Code gesendet an +41 79 *** ** 01', // masked: only the visible prefix
    'Verfügbar sind: 2025, 2024, 2023.',
    'Ihre Referenz KPT-2026-000123, Code 123456, von 07:00 bis 20:00 Uhr',
    'höchstens 2000 Zeichen',
  ])('left as written: %s', (text) => {
    expect(keepPhoneNumbersTogether(text)).toBe(text);
  });
});
