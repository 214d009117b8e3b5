import { buttonsOf, transcript } from '../helpers/activities';
import { defaultServices, TestConversation, ui } from '../helpers/conversation';
import { keepPhoneNumbersTogether } from '../../src/i18n/phoneNumbers';

/**
 * A card stays in the transcript after the person switches language: its buttons carry values, not words, so
 * a press of an old button does what the button said, answered in the language now in force.
 */
const faq = () => defaultServices().faq.current();

describe('buttons of a card in the old language, pressed after a language switch', () => {
  test('a follow-up question and feedback of a German answer, pressed after "français"', async () => {
    const chat = new TestConversation('de-CH');
    const buttons = buttonsOf(await chat.send(faq().entry('tax-certificate')!.text.de.question));
    expect(transcript(await chat.send('français'))).toContain(ui('fr', 'language.switched'));

    const followUp = buttons.find((b) => (b.value as { kind: string }).kind === 'faq')!;
    const { id } = followUp.value as { id: string };
    const answered = transcript(await chat.press(followUp.value as never, followUp.title));
    expect(answered).toContain(keepPhoneNumbersTogether(faq().entry(id)!.text.fr.answer));

    const helpful = buttons.find((b) => b.title === ui('de', 'feedback.helpful'))!;
    expect(transcript(await chat.press(helpful.value as never, helpful.title))).toContain(
      ui('fr', 'feedback.thanks'),
    );
  });

  test('"keep the topic" of a German support request, pressed after "français", goes on in French', async () => {
    const chat = new TestConversation('de-CH');
    await chat.send('Wie wird das Wetter morgen in Bern?');
    const offer = await chat.press({ kind: 'action', id: 'support-request' });
    const keep = buttonsOf(offer).find((b) => b.title === ui('de', 'support.keepTopic'))!;
    await chat.send('français');
    expect(transcript(await chat.press(keep.value as never, keep.title))).toContain(
      ui('fr', 'support.askDescription'),
    );
  });
});
