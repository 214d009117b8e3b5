import { writeFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES, type Language } from '../language';
import { ContentError, formatProblem, loadFaq, readFaq, type ContentProblem } from '../faq/loader';
import type { MatchOutcome } from '../faq/matcher';
import { checkQuality, formatFinding } from '../faq/quality';
import { loadConfig, thresholdsOf, type Config } from '../config';
import { renderReportHtml } from '../insights/html';
import { buildReport, formatReport, parseSince } from '../insights/report';
import type { StoredEvents } from '../insights/store';
import { insightSourceFor } from '../insights/storeFor';
import { formatSuggestions, listSuggestions } from '../insights/suggestions';
import { addAlternate } from '../faq/alternateWriter';
import { connectRedis, createRedisClient } from '../state/redisClient';
import { loadPhrases, PHRASES_FILE, type PhraseContent } from '../nlu/phraseContent';
import { parseArgs, runCli, type CliArgs } from './args';
import { answersAt } from './gitHistory';

const USAGE = `usage: npm run --silent faq -- <command> [--faq DIR]
  ask "TEXT" [--lang de|fr|it]   the outcome, top candidates and scores
  check [--strict] [--since [REF]]
                                validate the content and look for quality problems (exit 1 on errors;
                                with --strict also on quality warnings); --since: warn where one
                                language's answer changed since the git commit REF (default: the last
                                commit) and another's did not
  export --json                 one JSON object per entry and language
  suggest [--json]              wordings people used for an entry the bot missed (from "did you mean",
                                rephrasing, "not helpful"), per entry and language, with counts, the
                                matcher's score today and collisions with other entries
  suggest --accept ID           add suggestion ID as an alternate to its entry file, then check
  report [--since 7d] [--html FILE] [--json]
                                unanswered questions, feedback and outcome rates (from the Redis
                                stream with REDIS_URL, else from INSIGHTS_FILE)`;

function describe(outcome: MatchOutcome, index: FaqIndex, lang: Language): string {
  const headline =
    outcome.kind === 'answer'
      ? `answer: ${outcome.id} (${outcome.score.toFixed(3)})`
      : outcome.kind === 'ambiguous'
        ? `ambiguous: did you mean ${outcome.candidates.map((c) => c.id).join(', ')}?`
        : 'fallback: no entry matches well enough';
  const candidates = outcome.candidates.map(
    (c) => `  ${c.score.toFixed(3)}  ${c.id}  — ${index.entry(c.id)?.text[lang].question ?? ''}`,
  );
  return [headline, 'top candidates:', ...candidates].join('\n');
}

function ask(args: CliArgs): number {
  const text = args.positional[1];
  if (!text) throw new Error(USAGE);
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(loadConfig()));
  const langs = args.lang ? [args.lang] : LANGUAGES;
  for (const lang of langs) {
    const outcome = index.matchQuestion(text, lang);
    if (args.json) console.log(JSON.stringify({ lang, ...outcome }));
    else console.log(`[${lang}] ${describe(outcome, index, lang)}\n`);
  }
  return 0;
}

/** The trigger phrases, or their problems added to `problems`. */
function readPhrases(dir: string, problems: ContentProblem[]): PhraseContent | undefined {
  try {
    return loadPhrases(dir);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/** Schema errors, then quality warnings of the valid entries (even when another entry is broken). */
function check(args: CliArgs): number {
  const { faq, problems } = readFaq(args.faqDir);
  const phrases = readPhrases(args.faqDir, problems);
  if (problems.length > 0) {
    console.error(`${args.faqDir}: ${problems.length} problem(s) the bot refuses to start with:`);
    problems.forEach((p) => console.error(formatProblem(p)));
  } else if (faq && phrases) {
    console.log(
      `${args.faqDir}: ${faq.entries.length} entries in ${faq.categories.length} categories and ${PHRASES_FILE} (${Object.keys(phrases.commands).length} commands, ${Object.keys(phrases.actions).length} actions), all valid.`,
    );
  }
  const since = args.since === undefined ? undefined : args.since || 'HEAD';
  const history = faq && since ? { since, earlier: answersAt(args.faqDir, since) } : undefined;
  const findings = faq ? checkQuality(new FaqIndex(faq, thresholdsOf(loadConfig())), { history }) : [];
  if (findings.length === 0) {
    if (faq)
      console.log(
        problems.length > 0 ? 'No quality problems in the valid entries.' : 'No quality problems found.',
      );
    return problems.length > 0 ? 1 : 0;
  }
  const out = args.strict || problems.length > 0 ? console.error : console.log;
  const scope = problems.length > 0 ? ' in the valid entries' : '';
  out(
    `${findings.length} quality warning(s)${scope}${args.strict ? ' (--strict: they fail the check)' : ''}:`,
  );
  findings.forEach((f) => out(formatFinding(f)));
  return args.strict || problems.length > 0 ? 1 : 0;
}

/** What the server recorded: from the stream all instances share with REDIS_URL, else from INSIGHTS_FILE. */
async function readInsights(config: Config, since?: Date): Promise<StoredEvents & { source: string }> {
  const redis = config.REDIS_URL ? await connectForReport(config.REDIS_URL) : undefined;
  try {
    const { store, description } = insightSourceFor(config, redis);
    return { ...(await store.read(since)), source: description };
  } finally {
    redis?.disconnect();
  }
}

async function connectForReport(url: string): Promise<Redis> {
  // A long stream is read in pages; a slow page is no reason to give up, as it would be in a turn.
  const redis = createRedisClient(url, { commandTimeoutMs: 30_000 });
  if (await connectRedis(redis)) return redis;
  redis.disconnect();
  throw new Error('REDIS_URL: Redis is not reachable, and the records of all instances are there');
}

async function report(args: CliArgs): Promise<number> {
  const config = loadConfig();
  const until = new Date();
  const since = args.since === undefined ? undefined : parseSince(args.since, until);
  const { events, unreadable, source } = await readInsights(config, since);
  const result = buildReport(events, { since, until, unreadable, source });
  if (args.html) {
    writeFileSync(args.html, renderReportHtml(result));
    console.log(`Report written to ${args.html}`);
  } else if (args.json) console.log(JSON.stringify(result));
  else console.log(formatReport(result));
  return 0;
}

/** Suggested alternates from what people did; `--accept ID` writes one into its entry file and checks. */
async function suggest(args: CliArgs): Promise<number> {
  const config = loadConfig();
  const { events, source } = await readInsights(config);
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(config));
  const suggestions = listSuggestions(events, index);
  if (!args.accept) {
    if (args.json) console.log(JSON.stringify(suggestions));
    else console.log(`Records: ${source}.\n${formatSuggestions(suggestions)}`);
    return 0;
  }
  const chosen = suggestions.find((s) => s.id === args.accept);
  if (!chosen)
    throw new Error(`--accept: no open suggestion "${args.accept}" (list them with: faq -- suggest)`);
  const entry = index.entry(chosen.entryId)!;
  addAlternate(args.faqDir, entry.file, chosen.lang, chosen.text);
  console.log(`Added "${chosen.text}" to ${entry.file}, ${chosen.lang}.alternates. Checking the content:`);
  return check(args);
}

function exportJson(args: CliArgs): number {
  const faq = loadFaq(args.faqDir);
  const rows = faq.entries.flatMap((e) =>
    LANGUAGES.map((lang) => ({
      id: e.id,
      lang,
      category: e.category,
      question: e.text[lang].question,
      alternates: e.text[lang].alternates,
      answer: e.text[lang].answer,
      followUps: e.followUps,
      action: e.action ?? null,
    })),
  );
  console.log(JSON.stringify(rows, null, args.json ? undefined : 2));
  return 0;
}

runCli((argv) => {
  const args = parseArgs(argv, loadConfig());
  switch (args.positional[0]) {
    case 'ask':
      return ask(args);
    case 'check':
      return check(args);
    case 'export':
      return exportJson(args);
    case 'report':
      return report(args);
    case 'suggest':
      return suggest(args);
    default:
      throw new Error(USAGE);
  }
});
