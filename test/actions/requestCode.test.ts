import { TestAdapter, type Activity } from 'botbuilder';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';

/** The text a reply shows: its own text and that of its hero card. */
const shown = (a: Partial<Activity>) =>
  [a.text ?? '', ...(a.attachments ?? []).map((att) => (att.content as { text?: string })?.text ?? '')].join(
    ' ',
  );

describe('request-code against the sandbox backend', () => {
  let app: Application;
  const log: string[] = [];

  beforeAll(async () => {
    app = await createApplication(loadConfig({ SANDBOX_PORT: '0' }), {
      sandboxLog: (line) => log.push(line),
    });
  });
  afterAll(() => app.close());

  async function run(contract: string): Promise<string[]> {
    const replies: string[] = [];
    const adapter = new TestAdapter(async (context) => app.bot.run(context));
    const say = async (text: string) => {
      await adapter.send({ text, locale: 'de-CH' });
      let reply: Partial<Activity> | undefined;
      while ((reply = adapter.activeQueue.shift())) replies.push(shown(reply));
    };
    await say('Schicken Sie mir einen Code per SMS');
    await say('kpt 1234');
    await say(contract);
    return replies;
  }

  test('a bad contract number gets the format; the code goes out and the answer does not reveal existence', async () => {
    const known = await run('KPT-1000 0001');
    expect(known.join('\n')).toContain('KPT12345678');
    const sentKnown = known[known.length - 1];
    expect(sentKnown).toMatch(/Falls diese Vertragsnummer registriert ist/);
    expect(log.some((line) => line.includes('[outbox]'))).toBe(true);

    const unknown = await run('KPT99999999');
    const sentUnknown = unknown[unknown.length - 1];
    // Same sentence, only the (decoy) masked destination and the receipt's reference and time may differ.
    const shape = (s: string) =>
      s
        .replace(/an .*? gesendet/, 'an X gesendet')
        .replace(/am .*? Uhr, Referenz (KPT|CPT)-\d{4}-\d{6}/, 'am X Uhr, Referenz X');
    expect(shape(sentUnknown)).toBe(shape(sentKnown));
  });
});
