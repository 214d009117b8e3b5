import { createHash } from 'node:crypto';
import type { FaqIndex } from '../faq/faqIndex';
import { words } from '../faq/normalize';
import type { Language } from '../language';
import type { InsightEvent, SuggestionEvent, SuggestionSource } from './events';

/** A wording people used for an entry, not yet among its alternates: what `faq -- suggest` lists. */
export interface SuggestedAlternate {
  /** Stable for the same entry, language and wording: `faq -- suggest --accept ID`. */
  id: string;
  entryId: string;
  lang: Language;
  /** The wording as typed most often (masked). */
  text: string;
  count: number;
  sources: Partial<Record<SuggestionSource, number>>;
  /** The score the matcher gives the entry for the wording today (0: not among its candidates). */
  score: number;
  /** What the bot does with the wording today. */
  outcome: 'answer' | 'ambiguous' | 'fallback';
  /** Other entries the wording leads to, with their score: adding it here would make them collide. */
  collidesWith: Array<{ id: string; score: number }>;
}

/** The suggestions of one entry, language and wording. */
interface Group {
  first: SuggestionEvent;
  /** As typed → how often. */
  wordings: Map<string, number>;
  all: SuggestionEvent[];
}

/** One wording, whatever its case, accents or punctuation. */
const keyOf = (text: string, lang: Language) => words(text, lang).join(' ');

function idOf(entryId: string, lang: Language, key: string): string {
  return createHash('sha256').update(`${entryId}\n${lang}\n${key}`).digest('hex').slice(0, 8);
}

/**
 * The recorded suggestions grouped by entry, language and wording, most frequent first, with what the
 * matcher makes of each today. Wordings the entry already has, and entries that no longer exist, are left out.
 */
export function listSuggestions(events: readonly InsightEvent[], index: FaqIndex): SuggestedAlternate[] {
  const groups = new Map<string, Group>();
  for (const event of events) {
    if (event.type !== 'suggestion') continue;
    const entry = index.entry(event.entryId);
    const key = keyOf(event.text, event.lang);
    if (!entry || !key) continue;
    const { question, alternates } = entry.text[event.lang];
    if ([question, ...alternates].some((phrasing) => keyOf(phrasing, event.lang) === key)) continue;
    const id = idOf(event.entryId, event.lang, key);
    const group: Group = groups.get(id) ?? { first: event, wordings: new Map(), all: [] };
    group.wordings.set(event.text, (group.wordings.get(event.text) ?? 0) + 1);
    group.all.push(event);
    groups.set(id, group);
  }
  const suggestions = [...groups].map(([id, { first, wordings, all }]) => {
    const { entryId, lang } = first;
    const text = [...wordings].sort((a, b) => b[1] - a[1])[0][0];
    const outcome = index.matchQuestion(text, lang);
    const sources: SuggestedAlternate['sources'] = {};
    for (const event of all) sources[event.source] = (sources[event.source] ?? 0) + 1;
    return {
      id,
      entryId,
      lang,
      text,
      count: all.length,
      sources,
      score: outcome.candidates.find((c) => c.id === entryId)?.score ?? 0,
      outcome: outcome.kind,
      collidesWith: [] as SuggestedAlternate['collidesWith'],
    };
  });
  markCollisions(suggestions, index);
  return suggestions.sort((a, b) => b.count - a.count || a.entryId.localeCompare(b.entryId));
}

/**
 * A wording collides when the matcher already leads it to another entry (as an answer or among "did you
 * mean"), or when people suggested the same wording for another entry too.
 */
function markCollisions(suggestions: SuggestedAlternate[], index: FaqIndex): void {
  for (const suggestion of suggestions) {
    const outcome = index.matchQuestion(suggestion.text, suggestion.lang);
    const rivals =
      outcome.kind === 'fallback' ? [] : outcome.candidates.filter((c) => c.id !== suggestion.entryId);
    const key = keyOf(suggestion.text, suggestion.lang);
    const claimed = suggestions.filter(
      (other) =>
        other.entryId !== suggestion.entryId &&
        other.lang === suggestion.lang &&
        keyOf(other.text, other.lang) === key,
    );
    suggestion.collidesWith = [
      ...rivals.map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 })),
      ...claimed
        .filter((o) => !rivals.some((r) => r.id === o.entryId))
        .map((o) => ({ id: o.entryId, score: 0 })),
    ];
  }
}

/** The list for support staff, per entry and language. */
export function formatSuggestions(suggestions: readonly SuggestedAlternate[]): string {
  if (suggestions.length === 0) return 'No suggested alternates.';
  const lines: string[] = [];
  const byEntry = new Map<string, SuggestedAlternate[]>();
  for (const s of suggestions) {
    const key = `${s.entryId} [${s.lang}]`;
    byEntry.set(key, [...(byEntry.get(key) ?? []), s]);
  }
  for (const [heading, list] of byEntry) {
    lines.push(heading);
    for (const s of list) {
      const sources = Object.entries(s.sources)
        .map(([source, n]) => `${source} ${n}`)
        .join(', ');
      const collision = s.collidesWith.length
        ? `\n      ⚠ collides with ${s.collidesWith.map((c) => (c.score ? `${c.id} (${c.score.toFixed(2)})` : `${c.id} (suggested there too)`)).join(', ')}`
        : '';
      lines.push(
        `  ${s.id}  ${s.count}×  "${s.text}"  score ${s.score.toFixed(2)}, today: ${s.outcome} (${sources})${collision}`,
      );
    }
  }
  lines.push('', 'Accept one with: npm run --silent faq -- suggest --accept ID');
  return lines.join('\n');
}
