import { readFileSync } from 'node:fs';
import { evaluate, parseLabelledRows, type Evaluation } from '../faq/evaluation';
import { FaqIndex } from '../faq/faqIndex';
import { LANGUAGES } from '../language';
import { loadFaq } from '../faq/loader';
import { loadConfig } from '../config';
import { thresholdsOf } from '../services';
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

/** npm run --silent eval -- FILE.jsonl [--json] [--faq DIR] */
runCli((argv) => {
  const args = parseArgs(argv);
  const [file] = args.positional;
  if (!file) throw new Error('usage: npm run --silent eval -- FILE.jsonl [--json] [--faq DIR]');
  const index = new FaqIndex(loadFaq(args.faqDir), thresholdsOf(loadConfig()));
  const result = evaluate(index, parseLabelledRows(readFileSync(file, 'utf8'), file));
  console.log(args.json ? JSON.stringify(result) : report(result));
  return 0;
});
