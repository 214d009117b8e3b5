import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import type { FaqEntry } from '../faq/content';
import type { EarlierAnswers } from '../faq/quality/review';
import { LANGUAGES } from '../language';

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The answers of each entry as committed at `ref` in the git repository holding `faqDir` (for `faq -- check
 * --since`). An entry whose file did not exist then, or could not be read, has none.
 */
export function answersAt(faqDir: string, ref: string): (entry: FaqEntry) => EarlierAnswers | undefined {
  try {
    git(faqDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--since: "${ref}" is not a commit of the git repository holding ${faqDir}`);
  }
  return (entry) => {
    let source: string;
    try {
      source = git(faqDir, ['show', `${ref}:./${entry.file}`]);
    } catch {
      return undefined;
    }
    try {
      const data = parse(source) as Record<string, { answer?: unknown } | undefined> | null;
      const answers: EarlierAnswers = {};
      for (const lang of LANGUAGES) {
        const answer = data?.[lang]?.answer;
        if (typeof answer === 'string') answers[lang] = answer;
      }
      return answers;
    } catch {
      return undefined;
    }
  };
}
