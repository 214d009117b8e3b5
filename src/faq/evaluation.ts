import { z } from 'zod';
import type { FaqIndex } from './faqIndex';
import { sureness, type MatchOutcome } from './matcher';
import { LANGUAGES, type Language } from '../language';

/** Rows in a language the bot does not speak are labelled too: the bot must say which languages it speaks. */
export const UNSPOKEN_LANGUAGES = ['en'] as const;

export const HALVES = ['tune', 'report'] as const;
export type Half = (typeof HALVES)[number];

export const labelledRowSchema = z.object({
  lang: z.enum([...LANGUAGES, ...UNSPOKEN_LANGUAGES]),
  text: z.string(),
  expected: z.string().nullable(),
  /** Other entries that answer the question as well. */
  alsoAccept: z.array(z.string()).optional(),
  /** Blind sets are split: thresholds are tuned on one half and reported on both. */
  half: z.enum(HALVES).optional(),
});
export type LabelledRow = z.infer<typeof labelledRowSchema>;
export type SpokenRow = LabelledRow & { lang: Language };

/** A row in one of the bot's languages (the only ones a matcher exists for). */
export function isSpokenRow(row: LabelledRow): row is SpokenRow {
  return row.lang !== 'en';
}

export interface Miss {
  lang: Language;
  text: string;
  expected: string | null;
  /** The confident answer's id, "ambiguous:<ids>" or null for the fallback. */
  got: string | null;
  score: number;
}

export interface Figures {
  /** In-scope rows. */
  total: number;
  /** In-scope rows answered confidently with an accepted entry. */
  correct: number;
  accuracy: number;
  /** In-scope rows whose best-ranked entry is accepted, thresholds ignored. */
  rankedFirst: number;
  /** In-scope rows answered confidently with an entry that is not accepted. */
  confidentWrong: number;
  ambiguous: number;
  outOfScope: { total: number; rejected: number };
}

/** How often the best-ranked entry is right, by its sureness: what an answer threshold there would let through. */
export interface CalibrationBucket {
  from: number;
  to: number;
  rows: number;
  right: number;
  share: number;
}

export interface Evaluation extends Figures {
  byLanguage: Record<Language, Figures>;
  /** Out-of-scope rows answered confidently (any answer is wrong there). */
  outOfScopeConfidentWrong: number;
  /** Rows in a language the bot does not speak, and how many of them it recognised as such. */
  unspoken: { total: number; recognised: number };
  calibration: CalibrationBucket[];
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
const CALIBRATION_STEP = 0.1;

function emptyFigures(): Figures {
  return { total: 0, correct: 0, accuracy: 0, rankedFirst: 0, confidentWrong: 0, ambiguous: 0, outOfScope: { total: 0, rejected: 0 } };
}

/** Adds one row's outcome to figures; true when the row counts as a miss. */
function count(figures: Figures, outcome: MatchOutcome, accepted: ReadonlySet<string>): boolean {
  if (outcome.kind === 'ambiguous') figures.ambiguous++;
  const answered = outcome.kind === 'answer' ? outcome.id : null;
  if (accepted.size === 0) {
    figures.outOfScope.total++;
    if (answered === null) figures.outOfScope.rejected++;
    return answered !== null;
  }
  figures.total++;
  if (accepted.has(outcome.candidates[0]?.id ?? '')) figures.rankedFirst++;
  if (answered !== null && accepted.has(answered)) figures.correct++;
  else if (answered !== null) figures.confidentWrong++;
  return answered === null || !accepted.has(answered);
}

function calibrationOf(scored: ReadonlyArray<{ score: number; right: boolean }>): CalibrationBucket[] {
  const buckets: CalibrationBucket[] = [];
  for (let k = 0; k < 1 / CALIBRATION_STEP; k++) {
    const from = +(k * CALIBRATION_STEP).toFixed(2);
    const to = +((k + 1) * CALIBRATION_STEP).toFixed(2);
    const inside = scored.filter((s) => s.score >= from && (s.score < to || (to >= 1 && s.score <= to)));
    const right = inside.filter((s) => s.right).length;
    if (inside.length > 0) buckets.push({ from, to, rows: inside.length, right, share: ratio(right, inside.length) });
  }
  return buckets;
}

/**
 * Confident answers with an accepted entry over in-scope rows (ambiguous or fallback counts as not
 * answered), the entry ranked first with thresholds ignored, confident wrong answers, rejection of
 * out-of-scope rows, per language, and calibration of the best score. `isUnspoken` tells whether a
 * text is recognised as written in a language the bot does not speak.
 */
export function evaluate(
  index: FaqIndex,
  rows: readonly LabelledRow[],
  isUnspoken: (text: string) => boolean = () => false,
): Evaluation {
  const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, emptyFigures()])) as Record<Language, Figures>;
  const result: Evaluation = {
    ...emptyFigures(),
    byLanguage,
    outOfScopeConfidentWrong: 0,
    unspoken: { total: 0, recognised: 0 },
    calibration: [],
    misses: [],
  };
  const scored: Array<{ score: number; right: boolean }> = [];
  for (const row of rows) {
    if (!isSpokenRow(row)) {
      result.unspoken.total++;
      if (isUnspoken(row.text)) result.unspoken.recognised++;
      continue;
    }
    const lang = row.lang;
    const outcome = index.matchQuestion(row.text, lang);
    const accepted = new Set(row.expected === null ? [] : [row.expected, ...(row.alsoAccept ?? [])]);
    count(byLanguage[lang], outcome, accepted);
    const missed = count(result, outcome, accepted);
    const best = outcome.candidates[0];
    // Bucketed by what the answer threshold is compared with.
    if (best) scored.push({ score: sureness(best.score, index.matcher(lang).floorOf(best.id)), right: accepted.has(best.id) });
    if (accepted.size === 0 && outcome.kind === 'answer') result.outOfScopeConfidentWrong++;
    if (missed) {
      const got = outcome.kind === 'ambiguous' ? `ambiguous:${outcome.candidates.map((c) => c.id).join(',')}` : outcome.kind === 'answer' ? outcome.id : null;
      result.misses.push({ lang, text: row.text, expected: row.expected, got, score: best?.score ?? 0 });
    }
  }
  result.accuracy = ratio(result.correct, result.total);
  for (const figures of Object.values(byLanguage)) figures.accuracy = ratio(figures.correct, figures.total);
  result.calibration = calibrationOf(scored);
  return result;
}
