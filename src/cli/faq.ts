import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES, type Language } from '../faq/language';
import { ContentError, formatProblem, loadFaq } from '../faq/loader';
import type { MatchOutcome } from '../faq/matcher';
import { loadConfig } from '../config';
import { thresholdsOf } from '../services';
import { parseArgs, runCli, type CliArgs } from './args';

const USAGE = `usage: npm run --silent faq -- <command> [--faq DIR]
  ask "TEXT" [--lang de|fr|it]   the outcome, top candidates and scores
  check                         validate the content (exit 1 on errors)
  export --json                 one JSON object per entry and language`;

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

function check(args: CliArgs): number {
  try {
    const faq = loadFaq(args.faqDir);
    console.log(
      `${args.faqDir}: ${faq.entries.length} entries in ${faq.categories.length} categories, all valid.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.error(`${args.faqDir}: ${error.problems.length} problem(s):`);
    error.problems.forEach((p) => console.error(formatProblem(p)));
    return 1;
  }
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
  const args = parseArgs(argv);
  switch (args.positional[0]) {
    case 'ask':
      return ask(args);
    case 'check':
      return check(args);
    case 'export':
      return exportJson(args);
    default:
      throw new Error(USAGE);
  }
});
