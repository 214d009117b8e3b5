import { readFileSync } from 'node:fs';
import { evaluate, HALVES, parseLabelledRows, type Evaluation, type Figures } from '../faq/evaluation';
import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES } from '../language';
import { loadFaq } from '../faq/loader';
import { loadConfig } from '../config';
import { thresholdsOf } from '../services';
import { unspokenLanguage } from '../nlu/languageDetection';
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

const USAGE = 'usage: npm run --silent eval -- FILE.jsonl [--half tune|report] [--json] [--faq DIR]';

/** npm run --silent eval -- FILE.jsonl [--half tune|report] [--json] [--faq DIR] */
runCli((argv) => {
  const args = parseArgs(argv);
  const [file] = args.positional;
  if (!file) throw new Error(USAGE);
  if (args.half !== undefined && !(HALVES as readonly string[]).includes(args.half)) {
    throw new Error(`--half must be ${HALVES.join(' or ')}, not "${args.half}"`);
  }
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(loadConfig()));
  const rows = parseLabelledRows(readFileSync(file, 'utf8'), file).filter(
    (r) => !args.half || r.half === args.half,
  );
  const result = evaluate(index, rows, (text) => unspokenLanguage(text) !== undefined);
  console.log(args.json ? JSON.stringify(result) : report(result));
  return 0;
});
