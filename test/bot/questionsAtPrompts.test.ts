import { ActionApp } from '../helpers/actionApp';
import { opening, ui } from '../helpers/conversation';

const MINUTE = 60_000;

/** A question at a prompt that no FAQ entry answers is said to be out of reach there, not an input error. */
describe('a question the bot cannot answer at a prompt (issue 13)', () => {
  let sut: ActionApp;
  beforeAll(async () => {
    sut = await ActionApp.start();
  });
  afterAll(() => sut.close());
  beforeEach(() => sut.advance(120 * MINUTE));

  test.each([
    ['wieso brauche ich überhaupt einen code?', 'de-CH', 'de'],
    ['Ist das sicher, meine Nummer hier einzugeben?', 'de-CH', 'de'],
  ] as const)('[de] "%s" choosing the channel', async (question, locale, lang) => {
    const chat = sut.chat(locale);
    await chat.say('Ich brauche die Steuerbescheinigung');
    expect(await chat.say('KPT10000001')).toContain(opening(lang, 'verify.askChannel'));

    const read = await chat.say(question);

    expect(read).toContain(ui(lang, 'steps.notHere'));
    expect(read).toContain(opening(lang, 'verify.askChannel'));
    expect(read).not.toContain(ui(lang, 'verify.badChannel'));
  });

  test('[fr] "pourquoi c\'est moins sûr?" at the code prompt', async () => {
    const chat = sut.chat('fr-CH');
    await chat.say("j'ai besoin du justificatif fiscal");
    await chat.say('KPT10000001');
    await chat.say('SMS');

    const read = await chat.say("pourquoi c'est moins sûr?");

    expect(read).toContain(ui('fr', 'steps.notHere'));
    expect(read).not.toContain(opening('fr', 'verify.badCodeFormat'));
    // The code still works afterwards.
    expect(await chat.say(sut.lastIdentityCode('KPT10000001'))).toContain(ui('fr', 'tax.askYear'));
  });

  test('[it] "quanto costa un SMS?" at the contract prompt', async () => {
    const chat = sut.chat('it-CH');
    await chat.say("mi serve l'attestato fiscale");

    const read = await chat.say('quanto costa un SMS?');

    expect(read).toContain(ui('it', 'steps.notHere'));
    expect(read).toContain(opening('it', 'verify.askContract'));
    expect(read).not.toContain(opening('it', 'verify.badContract'));
  });
});
