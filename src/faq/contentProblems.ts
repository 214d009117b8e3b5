/** One problem in the content, precise enough for support staff to fix it. */
export interface ContentProblem {
  file: string;
  entryId?: string;
  field?: string;
  message: string;
  /** Where in the file (1-based), when the file could be read far enough to tell. */
  line?: number;
  /** The line(s) with a caret under the spot. */
  excerpt?: string;
  /** What to do about it, in plain words. */
  hint?: string;
}

export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`Invalid FAQ content (${problems.length} problem(s)):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}

export function formatProblem(p: ContentProblem): string {
  const where = [
    p.file,
    p.line && `line ${p.line}`,
    p.entryId && `entry "${p.entryId}"`,
    p.field && `field "${p.field}"`,
  ].filter(Boolean);
  const excerpt = p.excerpt ? `\n${p.excerpt.replace(/^/gm, '      ')}` : '';
  const hint = p.hint ? `\n      → ${p.hint}` : '';
  return `  ${where.join(', ')}: ${p.message}${excerpt}${hint}`;
}
