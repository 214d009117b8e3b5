import { z } from 'zod';
import type { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES, type Language } from '../language';
import { parseContractNumber } from '../security/contractNumber';
import type { Interpretation, Interpreter } from './interpreter';
import { COMMANDS } from './phraseContent';
import { STEPS } from './stepAnswers';

/**
 * The labelled set of mid-flow messages behind `npm run eval -- --flows FILE`: per message its language,
 * the step the conversation is at, and what the interpreter should make of it. Rows are split into a
 * "tune" half (looked at while improving the phrases) and a "report" half (only counted).
 */
const slotsSchema = z
  .strictObject({
    channel: z.enum(['sms', 'email', 'totp']).optional(),
    year: z.number().int().optional(),
    direction: z.enum(['two-step', 'three-step']).optional(),
  })
  .default({});

const expectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answer'), value: z.union([z.string(), z.number()]) }),
  z.strictObject({
    kind: z.literal('command'),
    command: z.enum(COMMANDS),
  }),
  z.strictObject({ kind: z.literal('language-switch'), language: z.enum(LANGUAGES) }),
  z.strictObject({ kind: z.literal('faq'), entry: z.string() }),
  z.strictObject({ kind: z.literal('action'), action: z.string(), slots: slotsSchema }),
  z.strictObject({ kind: z.literal('smalltalk') }),
  z.strictObject({ kind: z.literal('fallback') }),
]);

const rowSchema = z.strictObject({
  lang: z.enum(LANGUAGES),
  step: z.enum(['idle', ...STEPS]),
  text: z.string().min(1),
  expect: expectSchema,
  half: z.enum(['tune', 'report']),
});
export type FlowRow = z.infer<typeof rowSchema>;
export type Half = FlowRow['half'];

export function parseFlowRows(jsonl: string, file: string): FlowRow[] {
  return jsonl
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${n}: not JSON`);
      }
      const parsed = rowSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${file}:${n}: field "${issue.path.join('.')}": ${issue.message}`);
      }
      return parsed.data;
    });
}

/** What an interpretation is, in the terms of the set ("command cancel", "answer 2025"). */
export function describe(meaning: Interpretation): string {
  switch (meaning.kind) {
    case 'answer':
      return `answer ${meaning.value}`;
    case 'command':
      return `command ${meaning.command}`;
    case 'language-switch':
      return `language-switch ${meaning.language}`;
    case 'faq':
      return `faq ${meaning.entry}`;
    case 'action':
      return `action ${meaning.action} ${JSON.stringify(meaning.slots)}`;
    default:
      return meaning.kind;
  }
}

function expected(row: FlowRow): string {
  const e = row.expect;
  switch (e.kind) {
    case 'answer':
      // A contract number is compared as the bot passes it on: "CPT12345678" is "KPT12345678".
      return `answer ${(row.step === 'contract' && parseContractNumber(String(e.value))) || e.value}`;
    case 'command':
      return `command ${e.command}`;
    case 'language-switch':
      return `language-switch ${e.language}`;
    case 'faq':
      return `faq ${e.entry}`;
    case 'action': {
      const slots = Object.fromEntries(
        (['channel', 'year', 'direction'] as const)
          .filter((k) => e.slots[k] !== undefined)
          .map((k) => [k, e.slots[k]]),
      );
      return `action ${e.action} ${JSON.stringify(slots)}`;
    }
    default:
      return e.kind;
  }
}

/** During an action, a question the FAQ cannot settle gets the action's question again, like nothing understood. */
function got(row: FlowRow, meaning: Interpretation): string {
  if (row.step !== 'idle' && meaning.kind === 'ambiguous') return 'fallback';
  if (meaning.kind === 'action') {
    const slots = Object.fromEntries(
      (['channel', 'year', 'direction'] as const)
        .filter((k) => meaning.slots[k] !== undefined)
        .map((k) => [k, meaning.slots[k]]),
    );
    return `action ${meaning.action} ${JSON.stringify(slots)}`;
  }
  return describe(meaning);
}

export interface Tally {
  rows: number;
  expected: number;
}

export interface Confusion {
  lang: Language;
  step: string;
  text: string;
  expected: string;
  got: string;
}

export interface FlowEvaluation {
  byLanguage: Record<Language, Record<Half, Tally>>;
  /** Only for the tune half: the report half is counted, never shown. */
  confusions: Confusion[];
}

export function evaluateFlows(
  interpreter: Interpreter,
  faq: FaqIndex,
  rows: readonly FlowRow[],
  currentYear: number,
): FlowEvaluation {
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((l) => [l, { tune: { rows: 0, expected: 0 }, report: { rows: 0, expected: 0 } }]),
  ) as FlowEvaluation['byLanguage'];
  const confusions: Confusion[] = [];
  for (const row of rows) {
    const meaning = interpreter.interpret(row.text, {
      language: row.lang,
      step: row.step === 'idle' ? undefined : row.step,
      currentYear,
      faq,
    });
    const tally = byLanguage[row.lang][row.half];
    tally.rows += 1;
    const want = expected(row);
    const have = got(row, meaning);
    // A language switch is also a change of the message's language; otherwise the language must stay.
    const sameLanguage = meaning.kind === 'language-switch' || meaning.language === row.lang;
    if (want === have && sameLanguage) tally.expected += 1;
    else if (row.half === 'tune')
      confusions.push({
        lang: row.lang,
        step: row.step,
        text: row.text,
        expected: want,
        got: sameLanguage ? have : `${have} [${meaning.language}]`,
      });
  }
  return { byLanguage, confusions };
}
