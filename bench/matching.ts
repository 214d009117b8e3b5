import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Faq } from '../src/faq/content';
import { isSpokenRow, parseLabelledRows } from '../src/faq/evaluation';
import { FaqIndex } from '../src/faq/faqIndex';
import { LANGUAGES, type Language } from '../src/language';
import { elapsedMs, megabytes, percentile, rounded } from './stats';
import { seededRandom, withTypo } from './syntheticFaq';

export const DEV_SET = path.resolve(__dirname, '..', 'test', 'devset.jsonl');

export interface Query {
  lang: Language;
  text: string;
}

export interface MatchingFigures {
  label: string;
  entries: number;
  /** Question and alternates over all three languages. */
  phrasings: number;
  buildMs: number;
  /** The first round over the questions (not in the percentiles): it also measures each best entry's floor once. */
  firstRoundMs: number;
  /** Heap the index holds (after garbage collection) and the process's resident set with it. */
  indexHeapMb: number;
  rssMb: number;
  queries: number;
  /** Wall-clock latency of one question: includes any time the machine gave to other processes. */
  p50Us: number;
  p95Us: number;
  p99Us: number;
  queriesPerSecond: number;
}

/** What users ask: the dev set (in and out of scope) and alternates of the FAQ itself with a typo. */
export function matchingQueries(faq: Faq, typoQueriesPerLanguage = 200, seed = 11): Query[] {
  const random = seededRandom(seed);
  const dev = parseLabelledRows(readFileSync(DEV_SET, 'utf8'), DEV_SET)
    .filter(isSpokenRow)
    .map(({ lang, text }) => ({
      lang,
      text,
    }));
  const typos = LANGUAGES.flatMap((lang) =>
    Array.from({ length: typoQueriesPerLanguage }, () => {
      const { alternates } = faq.entries[Math.floor(random() * faq.entries.length)].text[lang];
      return { lang, text: withTypo(alternates[Math.floor(random() * alternates.length)], random) };
    }),
  );
  return [...dev, ...typos];
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Builds the index of a FAQ and times every query: rounds over all queries (the first one warms up and is
 * not counted) until `minMs` have passed.
 */
export function measureMatching(
  label: string,
  faq: Faq,
  queries: readonly Query[],
  minMs = 3000,
): MatchingFigures {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const buildStart = process.hrtime.bigint();
  const index = new FaqIndex(faq);
  const buildMs = elapsedMs(buildStart);
  collectGarbage();
  const memory = process.memoryUsage();
  const held = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;

  const firstStart = process.hrtime.bigint();
  for (const q of queries) index.matchQuestion(q.text, q.lang);
  const firstRoundMs = elapsedMs(firstStart);
  const latenciesUs: number[] = [];
  const runStart = process.hrtime.bigint();
  do {
    for (const q of queries) {
      const start = process.hrtime.bigint();
      index.matchQuestion(q.text, q.lang);
      latenciesUs.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  } while (elapsedMs(runStart) < minMs);
  const runMs = elapsedMs(runStart);

  return {
    label,
    entries: faq.entries.length,
    phrasings: faq.entries.reduce(
      (sum, e) => sum + LANGUAGES.reduce((n, l) => n + 1 + e.text[l].alternates.length, 0),
      0,
    ),
    buildMs: rounded(buildMs),
    firstRoundMs: rounded(firstRoundMs),
    indexHeapMb: megabytes(held(memory) - heapBefore),
    rssMb: megabytes(memory.rss),
    queries: latenciesUs.length,
    p50Us: rounded(percentile(latenciesUs, 50)),
    p95Us: rounded(percentile(latenciesUs, 95)),
    p99Us: rounded(percentile(latenciesUs, 99)),
    queriesPerSecond: Math.round((latenciesUs.length / runMs) * 1000),
  };
}
