import nock from 'nock';
import { ActionApp } from '../helpers/actionApp';
import { opening, ui } from '../helpers/conversation';

/**
 * Seen once by a tester: after "no" at the login switch's confirmation, the next extra-code request said the
 * service was unavailable. Cause: the answer "no" calls no backend, so the pooled connection to the backend
 * stayed idle long enough for the backend to close it; the next POST went out on it and the connection was
 * reset (read ECONNRESET), the backend never saw it, and a POST was never retried. Now a POST with an
 * Idempotency-Key is retried after a reset (the contract replays the first answer, it never sends twice).
 */
describe('a reset pooled connection after "no" at the login switch (issue: service "unavailable")', () => {
  // A deployment per language: nock's fetch interception stops seeing a reused deployment's third conversation.
  let sut: ActionApp;
  beforeEach(async () => {
    sut = await ActionApp.start();
  });
  afterEach(async () => {
    nock.cleanAll();
    await sut.close();
  });

  test.each([
    [
      'de-CH',
      'de',
      'Ich möchte die Login-Stufen umstellen',
      'nein',
      'Schicken Sie mir einen Zusatzcode per SMS',
    ],
    [
      'fr-CH',
      'fr',
      'je veux changer les niveaux de connexion',
      'non',
      'envoyez-moi un code supplémentaire par sms',
    ],
    ['it-CH', 'it', 'vorrei cambiare i livelli di login', 'no', 'mi invii un codice supplementare via sms'],
  ] as const)(
    '[%s/%s] "%s" … "%s", then "%s" in another conversation: the code is sent, not "unavailable"',
    async (locale, lang, request, no, codeRequest) => {
      const chat = sut.chat(locale);
      await chat.say(request);
      await chat.say('KPT10000001');
      await chat.say('e-mail');
      expect(await chat.say(sut.lastIdentityCode('KPT10000001'))).toContain(
        ui(lang, 'loginSteps.confirmToTwo'),
      );
      expect(await chat.say(no)).toContain(opening(lang, 'loginSteps.unchanged'));

      // The backend closed the idle connection: the next POST on it is reset before the backend reads it.
      let resets = 0;
      nock(sut.app.backendUrl, { allowUnmocked: true })
        .post('/v1/login-codes')
        .matchHeader('idempotency-key', () => ++resets > 0)
        .replyWithError({ code: 'ECONNRESET', message: 'read ECONNRESET' });
      const sent = () => sut.sandboxLog.filter((l) => l.includes('POST /v1/login-codes')).length;
      const before = sent();
      const next = sut.chat(locale);
      await next.say(codeRequest);
      const read = await next.say('KPT10000001');

      expect(resets).toBe(1);
      expect(read).toContain(opening(lang, 'requestCode.sentTo'));
      expect(read).not.toContain(opening(lang, 'backend.unavailable'));
      expect(sent()).toBe(before + 1);
    },
  );
});
