import { readFileSync } from 'node:fs';
import { evaluate, HALVES, parseLabelledRows, type Evaluation, type Figures } from '../faq/evaluation';
import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES } from '../language';
import { loadFaq } from '../faq/loader';
import { loadConfig, thresholdsOf } from '../config';
import { unspokenLanguage } from '../nlu/languageDetection';
import { evaluateFlows, parseFlowRows, type FlowEvaluation, type Tally } from '../nlu/flowEvaluation';
import { loadInterpreter } from '../nlu/phrasesWatcher';
import { parseArgs, runCli } from './args';

const percent = (part: number, whole: number) => `${((100 * part) / (whole || 1)).toFixed(1)}%`;

function figures(f: Figures): string {
  return (
    `answered ${f.correct}/${f.total} (${percent(f.correct, f.total)}), ranked first ${f.rankedFirst} (${percent(f.rankedFirst, f.total)}), ` +
    `confident wrong ${f.confidentWrong}, did you mean ${f.ambiguous}; out of scope rejected ${f.outOfScope.rejected}/${f.outOfScope.total}`
  );
}

function report(result: Evaluation): string {
  const lines = [
    `All: ${figures(result)}`,
    ...LANGUAGES.map((l) => `  ${l}: ${figures(result.byLanguage[l])}`),
    `Confident wrong: ${result.confidentWrong} in scope, ${result.outOfScopeConfidentWrong} out of scope`,
    `Unspoken language recognised: ${result.unspoken.recognised}/${result.unspoken.total}`,
    'Calibration (best score → how often the best entry is right):',
    ...result.calibration.map(
      (b) =>
        `  [${b.from.toFixed(1)}, ${b.to.toFixed(1)}): ${b.right}/${b.rows} (${percent(b.right, b.rows)})`,
    ),
    `Misses (${result.misses.length}):`,
    ...result.misses.map(
      (m) =>
        `  [${m.lang}] ${JSON.stringify(m.text)} expected ${m.expected ?? 'fallback'}, got ${m.got ?? 'fallback'} (${m.score.toFixed(3)})`,
    ),
  ];
  return lines.join('\n');
}

function flowReport(result: FlowEvaluation): string {
  const share = (t: Tally) => `${t.expected}/${t.rows} (${percent(t.expected, t.rows)})`;
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
  'usage: npm run --silent eval -- FILE.jsonl [--half tune|report] | --flows FILE.jsonl [--year 2026] [--json] [--faq DIR]';

/** npm run --silent eval -- FILE.jsonl [--half tune|report] [--json] [--faq DIR], or -- --flows FILE.jsonl [--year YYYY] */
runCli((argv) => {
  const config = loadConfig();
  const args = parseArgs(argv, config);
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(config));
  if (args.flows) {
    const interpreter = loadInterpreter(args.faqDir);
    const rows = parseFlowRows(readFileSync(args.flows, 'utf8'), args.flows);
    const result = evaluateFlows(interpreter, index, rows, args.year ?? new Date().getFullYear());
    console.log(args.json ? JSON.stringify(result.byLanguage) : flowReport(result));
    return 0;
  }
  const [file] = args.positional;
  if (!file) throw new Error(USAGE);
  if (args.half !== undefined && !(HALVES as readonly string[]).includes(args.half)) {
    throw new Error(`--half must be ${HALVES.join(' or ')}, not "${args.half}"`);
  }
  const rows = parseLabelledRows(readFileSync(file, 'utf8'), file).filter(
    (r) => !args.half || r.half === args.half,
  );
  const result = evaluate(index, rows, (text) => unspokenLanguage(text) !== undefined);
  console.log(args.json ? JSON.stringify(result) : report(result));
  return 0;
});
