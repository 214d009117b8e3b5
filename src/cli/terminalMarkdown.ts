/**
 * The bot's Markdown (FAQ answers, the certificate link) as a terminal shows it: bold as bold (or plain
 * without a colour terminal), list items with a bullet, a link as its label followed by its target.
 */
export function renderMarkdown(text: string, ansi: boolean): string {
  const bold = (s: string) => (ansi ? `\u001b[1m${s}\u001b[22m` : s);
  return (
    text
      .split('\n')
      .map((line) =>
        line
          .replace(/^#{1,6}\s+(.*)$/, (_, heading: string) => bold(heading))
          .replace(/^(\s*)[-*]\s+/, '$1• '),
      )
      .join('\n')
      // Bold only between a pair of exactly two asterisks hugging text: masked data ("+41 79 *** ** 01",
      // "a***@e***.ch") keeps its asterisks.
      .replace(/(?<!\*)\*\*([^\s*](?:.*?[^\s*])?)\*\*(?!\*)/g, (_, strong: string) => bold(strong))
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, target: string) =>
        label === target ? target : `${label} (${target})`,
      )
  );
}
