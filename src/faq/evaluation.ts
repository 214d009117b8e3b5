import { z } from 'zod';
import type { FaqIndex } from './faqIndex';
import { LANGUAGES, type Language } from '../language';

export const labelledRowSchema = z.object({
  lang: z.enum(LANGUAGES),
  text: z.string(),
  expected: z.string().nullable(),
});
export type LabelledRow = z.infer<typeof labelledRowSchema>;

export interface Miss {
  lang: Language;
  text: string;
  expected: string | null;
  /** The confident answer's id, "ambiguous:<ids>" or null for the fallback. */
  got: string | null;
  score: number;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  byLanguage: Record<Language, { total: number; correct: number; accuracy: number }>;
  outOfScope: { total: number; rejected: number };
  ambiguous: number;
  misses: Miss[];
}

/** Reads a JSONL file of labelled rows; a bad line is an error naming its line number. */
export function parseLabelledRows(jsonl: string, file: string): LabelledRow[] {
  return jsonl.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [labelledRowSchema.parse(JSON.parse(line))];
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not a row {"lang","text","expected"}: ${(error as Error).message.split('\n')[0]}`);
    }
  });
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Top-1 accuracy over in-scope rows (only a confident answer with the expected id counts), rejection of
 * out-of-scope rows (anything but a confident answer), and the number of "did you mean" outcomes.
 */
export function evaluate(index: FaqIndex, rows: readonly LabelledRow[]): Evaluation {
  const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, { total: 0, correct: 0, accuracy: 0 }])) as Evaluation['byLanguage'];
  const result: Evaluation = { total: 0, correct: 0, accuracy: 0, byLanguage, outOfScope: { total: 0, rejected: 0 }, ambiguous: 0, misses: [] };
  for (const row of rows) {
    const outcome = index.matchQuestion(row.text, row.lang);
    if (outcome.kind === 'ambiguous') result.ambiguous++;
    const answered = outcome.kind === 'answer' ? outcome.id : null;
    const got = outcome.kind === 'ambiguous' ? `ambiguous:${outcome.candidates.map((c) => c.id).join(',')}` : answered;
    const score = outcome.candidates[0]?.score ?? 0;
    if (row.expected === null) {
      result.outOfScope.total++;
      if (answered === null) result.outOfScope.rejected++;
      else result.misses.push({ ...row, got, score });
      continue;
    }
    result.total++;
    byLanguage[row.lang].total++;
    if (answered === row.expected) {
      result.correct++;
      byLanguage[row.lang].correct++;
    } else result.misses.push({ ...row, got, score });
  }
  result.accuracy = ratio(result.correct, result.total);
  for (const stats of Object.values(byLanguage)) stats.accuracy = ratio(stats.correct, stats.total);
  return result;
}
