import type { Language } from '../../src/language';
import { buttonsOf, transcript } from '../helpers/activities';
import { TestConversation } from '../helpers/conversation';

const LOCALES: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };
/** The Connect customer service: the wrong address for a KPT customer whose login code fails. */
const CONNECT_CONTACT = 'skmu@avadis.ch';

const faqButtons = (replies: Parameters<typeof buttonsOf>[0]) =>
  buttonsOf(replies)
    .map((b) => b.value as { kind?: string; id?: string } | undefined)
    .filter((v) => v?.kind === 'faq')
    .map((v) => v!.id);

describe('a code that "does not work" is not taken for the Connect registration code', () => {
  test.each([
    ['de', 'Mein Code funktioniert nicht'],
    ['fr', 'mon code ne marche pas'],
    ['fr', 'le code ne fonctionne pas'],
    ['it', 'il mio codice non funziona'],
    ['it', 'il codice non va'],
  ] as const)('[%s] "%s" asks which code is meant; no Connect contact', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    const replies = await chat.send(text);
    expect(transcript(replies)).not.toContain(CONNECT_CONTACT);
    expect(faqButtons(replies)).toContain('login-failed');
  });

  test.each([
    ['de', 'Mein Registrierungscode funktioniert nicht'],
    ['fr', "mon code d'inscription ne marche pas"],
    ['it', 'il mio codice di registrazione non funziona'],
  ] as const)('[%s] "%s" names the registration code: the Connect answer', async (lang, text) => {
    const chat = new TestConversation(LOCALES[lang]);
    expect(transcript(await chat.send(text))).toContain(CONNECT_CONTACT);
  });
});
