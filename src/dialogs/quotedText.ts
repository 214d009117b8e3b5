/** Markdown's special characters: in a person's own words they must show as typed, not as links or images. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+!|~]/g;

/**
 * A person's own text quoted inside a bot message rendered as Markdown: "[Hier einloggen](https://evil.example)"
 * shows as typed instead of becoming a link in the bot's bubble (or an image a channel loads).
 */
export function quotedText(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (special) => `\\${special}`);
}
