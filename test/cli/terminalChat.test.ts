import { existsSync, readFileSync } from 'node:fs';
import { ConsoleAdapter } from '../../src/cli/consoleAdapter';
import { documentSaver } from '../../src/cli/savedDocuments';
import { renderMarkdown } from '../../src/cli/terminalMarkdown';
import { ActionApp } from '../helpers/actionApp';

/** What the terminal chat prints for the bot's replies. */
async function printed(adapter: ConsoleAdapter, replies: Parameters<ConsoleAdapter['sendActivities']>[1]) {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    await adapter.sendActivities(undefined as never, replies);
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

describe('terminal chat (npm run chat)', () => {
  test('Markdown is shown as a terminal shows it: bold, bullets, links with their target', () => {
    const markdown =
      '**Bitte beachten Sie:** das gilt.\n\n- erstens\n- zweitens\n\n[Datei.pdf](http://x/downloads/t)';
    expect(renderMarkdown(markdown, false)).toBe(
      'Bitte beachten Sie: das gilt.\n\n• erstens\n• zweitens\n\nDatei.pdf (http://x/downloads/t)',
    );
    expect(renderMarkdown('**fett**', true)).toBe('\u001b[1mfett\u001b[22m');
  });

  test('a masked phone or e-mail keeps its asterisks, also beside bold text', () => {
    const sent = '**Code gesendet** an +41 79 *** ** 01 und a***@e***.ch.';
    expect(renderMarkdown(sent, false)).toBe('Code gesendet an +41 79 *** ** 01 und a***@e***.ch.');
    expect(renderMarkdown(sent, true)).toBe(
      '\u001b[1mCode gesendet\u001b[22m an +41 79 *** ** 01 und a***@e***.ch.',
    );
  });

  test('the tax certificate is saved to a file and its path shown instead of a link nothing serves', async () => {
    const sut = await ActionApp.start();
    try {
      const chat = sut.chat('de-CH');
      await chat.say('Ich brauche die Steuerbescheinigung für 2024');
      await chat.say('KPT10000001');
      await chat.say('SMS');
      const replies = await chat.sayFull(sut.lastIdentityCode('KPT10000001'));
      const url = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentUrl)?.contentUrl;
      expect(url).toContain('/downloads/');

      const adapter = new ConsoleAdapter('de-CH', {
        render: (m) => renderMarkdown(m, false),
        save: documentSaver(sut.app.downloads),
      });
      const shown = await printed(adapter, replies);
      const file = shown.match(/Steuerbescheinigung-2024\.pdf \((\/[^)]+)\)/)?.[1];
      expect(file).toBeDefined();
      expect(shown).not.toContain(url!);
      expect(existsSync(file!)).toBe(true);
      expect(readFileSync(file!).subarray(0, 4).toString('latin1')).toBe('%PDF');
    } finally {
      await sut.close();
    }
  });
});
