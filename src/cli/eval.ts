import { readFileSync } from 'node:fs';
import { evaluate, parseLabelledRows, type Evaluation } from '../faq/evaluation';
import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES } from '../language';
import { loadFaq } from '../faq/loader';
import { loadConfig } from '../config';
import { thresholdsOf } from '../services';
import { evaluateFlows, parseFlowRows, type FlowEvaluation, type Tally } from '../nlu/flowEvaluation';
import { Interpreter } from '../nlu/interpreter';
import { PhraseBook } from '../nlu/phraseBook';
import { loadPhrases } from '../nlu/phraseContent';
import { parseArgs, runCli } from './args';

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function report(result: Evaluation): string {
  const lines = [
    `In scope: ${result.correct}/${result.total} correct (top-1 ${percent(result.accuracy)})`,
    ...LANGUAGES.map((l) => {
      const s = result.byLanguage[l];
      return `  ${l}: ${s.correct}/${s.total} (${percent(s.accuracy)})`;
    }),
    `Out of scope rejected: ${result.outOfScope.rejected}/${result.outOfScope.total} (${percent(result.outOfScope.rejected / (result.outOfScope.total || 1))})`,
    `Ambiguous ("did you mean"): ${result.ambiguous}`,
    `Misses (${result.misses.length}):`,
    ...result.misses.map(
      (m) =>
        `  [${m.lang}] ${JSON.stringify(m.text)} expected ${m.expected ?? 'fallback'}, got ${m.got ?? 'fallback'} (${m.score.toFixed(3)})`,
    ),
  ];
  return lines.join('\n');
}

function flowReport(result: FlowEvaluation): string {
  const share = (t: Tally) => `${t.expected}/${t.rows} (${percent(t.expected / (t.rows || 1))})`;
  return [
    'Mid-flow messages interpreted as expected:',
    ...LANGUAGES.map((l) => {
      const { tune, report } = result.byLanguage[l];
      const all = { rows: tune.rows + report.rows, expected: tune.expected + report.expected };
      return `  ${l}: tune ${share(tune)}, report ${share(report)}, all ${share(all)}`;
    }),
    `Confusions in the tune half (${result.confusions.length}):`,
    ...result.confusions.map(
      (c) => `  [${c.lang} ${c.step}] ${JSON.stringify(c.text)} expected ${c.expected}, got ${c.got}`,
    ),
  ].join('\n');
}

const USAGE =
  'usage: npm run --silent eval -- FILE.jsonl | --flows FILE.jsonl [--year 2026] [--json] [--faq DIR]';

/** npm run --silent eval -- FILE.jsonl [--json] [--faq DIR], or -- --flows FILE.jsonl [--year YYYY] */
runCli((argv) => {
  const args = parseArgs(argv);
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(loadConfig()));
  if (args.flows) {
    const interpreter = new Interpreter(new PhraseBook(loadPhrases(args.faqDir)));
    const rows = parseFlowRows(readFileSync(args.flows, 'utf8'), args.flows);
    const result = evaluateFlows(interpreter, index, rows, args.year ?? new Date().getFullYear());
    console.log(args.json ? JSON.stringify(result.byLanguage) : flowReport(result));
    return 0;
  }
  const [file] = args.positional;
  if (!file) throw new Error(USAGE);
  const result = evaluate(index, parseLabelledRows(readFileSync(file, 'utf8'), file));
  console.log(args.json ? JSON.stringify(result) : report(result));
  return 0;
});
