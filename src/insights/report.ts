import { LANGUAGES, type Language } from '../language';
import { foldText } from '../faq/normalize';
import {
  OUTCOMES,
  type FeedbackEvent,
  type InsightEvent,
  type Outcome,
  type QuestionEvent,
  type SupportRequestEvent,
} from './events';
import { groupSimilar } from './grouping';

export type OutcomeCounts = Record<Outcome, number>;

/** Unanswered questions that ask the same thing: one line of work for support staff. */
export interface UnansweredGroup {
  lang: Language;
  count: number;
  /** The wording users typed most often. */
  text: string;
  /** Other wordings, most frequent first. */
  variants: string[];
  /** How often the bot asked "did you mean" and how often it had no answer. */
  ambiguous: number;
  fallback: number;
  /** The entries the matcher thought of most, most often first: where an alternate may belong. */
  candidates: string[];
}

export interface EntryFeedback {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

/** Support requests in the period, and the entries people had seen before handing their case over. */
export interface SupportRequestSummary {
  total: number;
  byReason: Partial<Record<SupportRequestEvent['reason'], number>>;
  /** Most requests first. */
  entries: Array<{ entryId: string; requests: number }>;
}

export interface InsightReport {
  /** The period: `since` (if any) to the time of the report. */
  since?: string;
  until: string;
  questions: number;
  byLanguage: Record<Language, OutcomeCounts>;
  unanswered: UnansweredGroup[];
  feedback: EntryFeedback[];
  supportRequests: SupportRequestSummary;
  unreadable: number;
  /** Where the records were read from: the file, or the Redis stream. */
  source?: string;
}

const MAX_VARIANTS = 5;
const MAX_CANDIDATES = 3;

/** "7d", "24h", "2w" before `now`, or a date ("2026-11-01"). */
export function parseSince(text: string, now: Date): Date {
  const relative = /^(\d+)([hdw])$/.exec(text.trim());
  if (relative) {
    const hours = { h: 1, d: 24, w: 24 * 7 }[relative[2] as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * hours * 3_600_000);
  }
  const date = new Date(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(date.getTime())) return date;
  throw new Error(`--since must be a period like 7d, 24h or 2w, or a date like 2026-11-01, not "${text}"`);
}

/** Keys of a count map, most frequent first (ties in first-seen order). */
function byFrequency(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
}

function tally(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function unansweredGroups(questions: readonly QuestionEvent[]): UnansweredGroup[] {
  const groups: UnansweredGroup[] = [];
  for (const lang of LANGUAGES) {
    const unanswered = questions.filter((q) => q.lang === lang && q.outcome !== 'answer' && q.text);
    for (const { members } of groupSimilar(unanswered, (q) => q.text!, lang)) {
      const wordings = new Map<string, number>();
      const shown = new Map<string, string>();
      const candidates = new Map<string, number>();
      for (const q of members) {
        const key = foldText(q.text!, lang)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim();
        if (!shown.has(key)) shown.set(key, q.text!);
        tally(wordings, key);
        q.candidates.forEach((c) => tally(candidates, c.id));
      }
      const [text, ...variants] = byFrequency(wordings).map((key) => shown.get(key)!);
      groups.push({
        lang,
        count: members.length,
        text,
        variants: variants.slice(0, MAX_VARIANTS),
        ambiguous: members.filter((q) => q.outcome === 'ambiguous').length,
        fallback: members.filter((q) => q.outcome === 'fallback').length,
        candidates: byFrequency(candidates).slice(0, MAX_CANDIDATES),
      });
    }
  }
  return groups.sort((a, b) => b.count - a.count);
}

function feedbackByEntry(feedback: readonly FeedbackEvent[]): EntryFeedback[] {
  const byEntry = new Map<string, EntryFeedback>();
  for (const f of feedback) {
    const counts = byEntry.get(f.entryId) ?? { entryId: f.entryId, helpful: 0, notHelpful: 0 };
    if (f.helpful) counts.helpful++;
    else counts.notHelpful++;
    byEntry.set(f.entryId, counts);
  }
  return [...byEntry.values()].sort((a, b) => b.notHelpful - a.notHelpful || a.helpful - b.helpful);
}

function supportRequestSummary(requests: readonly SupportRequestEvent[]): SupportRequestSummary {
  const byReason: SupportRequestSummary['byReason'] = {};
  const entries = new Map<string, number>();
  for (const r of requests) {
    byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    r.entryIds.forEach((id) => tally(entries, id));
  }
  return {
    total: requests.length,
    byReason,
    entries: byFrequency(entries).map((entryId) => ({ entryId, requests: entries.get(entryId)! })),
  };
}

/** What support staff work from: the unanswered questions, the answers rated unhelpful, the outcome rates. */
export function buildReport(
  events: readonly InsightEvent[],
  options: { since?: Date; until: Date; unreadable?: number; source?: string },
): InsightReport {
  const questions = events.filter((e): e is QuestionEvent => e.type === 'question');
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      Object.fromEntries(
        OUTCOMES.map((o) => [o, questions.filter((q) => q.lang === lang && q.outcome === o).length]),
      ),
    ]),
  ) as Record<Language, OutcomeCounts>;
  return {
    since: options.since?.toISOString(),
    until: options.until.toISOString(),
    questions: questions.length,
    byLanguage,
    unanswered: unansweredGroups(questions),
    feedback: feedbackByEntry(events.filter((e): e is FeedbackEvent => e.type === 'feedback')),
    supportRequests: supportRequestSummary(
      events.filter((e): e is SupportRequestEvent => e.type === 'support-request'),
    ),
    unreadable: options.unreadable ?? 0,
    source: options.source,
  };
}

/** "from <since> to <until>", or "up to <until>" for a report over everything recorded. */
export function periodOf(report: InsightReport): string {
  return report.since ? `from ${report.since} to ${report.until}` : `up to ${report.until}`;
}

/** Share of a language's questions with each outcome, 0 when it had none. */
export function outcomeRates(counts: OutcomeCounts): OutcomeCounts {
  const total = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
  return Object.fromEntries(OUTCOMES.map((o) => [o, total === 0 ? 0 : counts[o] / total])) as OutcomeCounts;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The report as plain text for the terminal. */
export function formatReport(report: InsightReport, limit = 20): string {
  const lines = [`Questions ${periodOf(report)}: ${report.questions}`];
  if (report.source) lines.push(`Records: ${report.source}`);
  lines.push('');
  lines.push('Outcomes per language (answered / did you mean / no answer):');
  for (const lang of LANGUAGES) {
    const counts = report.byLanguage[lang];
    const rates = outcomeRates(counts);
    const total = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
    lines.push(
      `  ${lang}: ${total} questions — ${OUTCOMES.map((o) => `${percent(rates[o])} (${counts[o]})`).join(' / ')}`,
    );
  }
  lines.push('', 'Most frequent unanswered questions (add them as alternates or write a new entry):');
  if (report.unanswered.length === 0) lines.push('  none');
  for (const g of report.unanswered.slice(0, limit)) {
    const candidates = g.candidates.length > 0 ? `; closest entries: ${g.candidates.join(', ')}` : '';
    lines.push(
      `  ${g.count}× [${g.lang}] "${g.text}" (did you mean ${g.ambiguous}, no answer ${g.fallback}${candidates})`,
    );
    if (g.variants.length > 0) lines.push(`      also: ${g.variants.map((v) => `"${v}"`).join(', ')}`);
  }
  lines.push('', 'Answers rated "not helpful" (fix the answer or its alternates):');
  const rated = report.feedback.filter((f) => f.notHelpful > 0);
  if (rated.length === 0) lines.push('  none');
  for (const f of rated.slice(0, limit)) lines.push(`  ${f.entryId}: ${f.notHelpful} no, ${f.helpful} yes`);
  const { supportRequests } = report;
  const reasons = Object.entries(supportRequests.byReason).map(([reason, n]) => `${reason} ${n}`);
  lines.push(
    '',
    `Support requests: ${supportRequests.total}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`,
    'Entries seen before a support request (the answer may not solve the case):',
  );
  if (supportRequests.entries.length === 0) lines.push('  none');
  for (const e of supportRequests.entries.slice(0, limit)) lines.push(`  ${e.entryId}: ${e.requests}`);
  if (report.unreadable > 0) lines.push('', `(${report.unreadable} unreadable record(s) skipped)`);
  return lines.join('\n');
}
