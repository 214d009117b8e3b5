import { quotedText } from '../../src/dialogs/quotedText';

describe("a person's own words quoted in a bot message", () => {
  test('a Markdown link and image show as typed, not as a link or an image in the bot bubble', () => {
    const topic = '[Hier neu einloggen](https://evil.example/login) ![x](/favicon.svg) Login';
    expect(quotedText(topic)).toBe(
      String.raw`\[Hier neu einloggen\]\(https://evil.example/login\) \!\[x\]\(/favicon.svg\) Login`,
    );
  });

  test('ordinary questions keep their words and punctuation', () => {
    expect(quotedText("Wie lange ist der Code gültig? C'est où, l'e-facture.")).toBe(
      "Wie lange ist der Code gültig? C'est où, l'e-facture.",
    );
  });
});
