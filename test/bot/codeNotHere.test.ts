import { transcript } from '../helpers/activities';
import { TestConversation, ui } from '../helpers/conversation';

/**
 * After "extra login code sent", people type the code they received into the chat. Where nothing asks for a
 * code, the bot says where it belongs instead of "I have no answer to that".
 */
describe('a one-time code typed where nothing asks for it', () => {
  test.each([
    ['de', 'de-CH', '482913'],
    ['fr', 'fr-CH', '482 913'],
    ['it', 'it-CH', 'codice 482913'],
  ] as const)(
    '[%s] (%s) "%s" at no prompt: the code belongs on the portal’s login page',
    async (lang, locale, code) => {
      const chat = new TestConversation(locale);
      const reply = transcript(await chat.send(code));
      expect(reply).toContain(ui(lang, 'input.codeNotHere'));
      expect(reply).not.toContain(ui(lang, 'fallback.text'));
    },
  );

  test('a sentence with six digits in it is no code typed alone', async () => {
    const chat = new TestConversation('de-CH');
    expect(transcript(await chat.send('Meine Police 123456 finde ich nicht im Portal'))).not.toContain(
      ui('de', 'input.codeNotHere'),
    );
  });
});
