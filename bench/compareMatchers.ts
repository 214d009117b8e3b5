import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/args';
import { isLanguage, LANGUAGES } from '../src/language';
import { matchingQueries, type Query } from './matching';
import { positiveInteger, readOptions } from './options';
import { percentile, rounded } from './stats';
import { seededRandom, withTypo } from './syntheticFaq';

type FaqIndexModule = typeof import('../src/faq/faqIndex');
type LoaderModule = typeof import('../src/faq/loader');

/** What a checkout of this project offers to build and ask a FAQ index. */
interface Tree {
  root: string;
  FaqIndex: FaqIndexModule['FaqIndex'];
  loadFaq: LoaderModule['loadFaq'];
}

async function loadTree(root: string): Promise<Tree> {
  const { FaqIndex } = (await import(path.resolve(root, 'src/faq/faqIndex.ts'))) as FaqIndexModule;
  const { loadFaq } = (await import(path.resolve(root, 'src/faq/loader.ts'))) as LoaderModule;
  return { root, FaqIndex, loadFaq };
}

/** The bench's questions, every row of test/*.jsonl in a language of the bot, and 600 phrasings (half with a typo). */
function identityQuestions(faq: ReturnType<LoaderModule['loadFaq']>): Query[] {
  const testDir = path.resolve(__dirname, '..', 'test');
  const rows = readdirSync(testDir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(testDir, f), 'utf8').split('\n'))
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { lang?: unknown; text?: unknown })
    .filter((r): r is Query => typeof r.text === 'string' && isLanguage(String(r.lang)));
  const random = seededRandom(99);
  const phrasings = Array.from({ length: 600 }, (_, k) => {
    const lang = LANGUAGES[k % LANGUAGES.length];
    const { question, alternates } = faq.entries[Math.floor(random() * faq.entries.length)].text[lang];
    const text = [question, ...alternates][Math.floor(random() * (alternates.length + 1))];
    return { lang, text: k % 2 ? text : withTypo(text, random) };
  });
  return [...matchingQueries(faq), ...rows.map(({ lang, text }) => ({ lang, text })), ...phrasings];
}

/**
 * npm run compare-matchers -- --before DIR --faq DIR [--rounds 3]
 * The matcher of another checkout (--before, e.g. a `git worktree` of main) and this one's over the same FAQ in one
 * process: outcomes, candidates, scores and the candidates' floors compared byte for byte over thousands of
 * questions (exit 1 on any difference), then the CPU time of each bench question, the two taking turns each round.
 */
runCli(async (argv) => {
  const options = readOptions(argv, ['before', 'faq', 'rounds']);
  const [before, faqDir] = [options.get('before'), options.get('faq')];
  if (!before || !faqDir) throw new Error('--before and --faq are required');
  const rounds = positiveInteger('rounds', options.get('rounds') ?? '3');
  const trees = [await loadTree(before), await loadTree(path.resolve(__dirname, '..'))];
  const indexes = trees.map((t) => {
    const start = process.cpuUsage();
    const index = new t.FaqIndex(t.loadFaq(faqDir));
    const { user, system } = process.cpuUsage(start);
    console.log(`${t.root}: index built in ${Math.round((user + system) / 1000)} ms of CPU`);
    return index;
  });
  const faq = indexes[0].faq;
  const snapshot = (index: (typeof indexes)[number], q: Query) => {
    const outcome = index.matchQuestion(q.text, q.lang);
    const floors = outcome.candidates.map((c) => index.matcher(q.lang).floorOf(c.id));
    return JSON.stringify([outcome, floors]);
  };
  const questions = identityQuestions(faq);
  const different = questions.filter((q) => snapshot(indexes[0], q) !== snapshot(indexes[1], q));
  for (const q of different.slice(0, 5)) console.log(`differs: ${q.lang} ${JSON.stringify(q.text)}`);
  console.log(
    `${different.length} of ${questions.length} questions differ (load ${os.loadavg()[0].toFixed(1)})`,
  );

  const timed = matchingQueries(faq);
  const cpuUs: number[][] = [[], []];
  for (let r = 0; r < rounds; r++) {
    indexes.forEach((index, i) => {
      for (const q of timed) {
        const start = process.cpuUsage();
        index.matchQuestion(q.text, q.lang);
        const { user, system } = process.cpuUsage(start);
        cpuUs[i].push(user + system);
      }
    });
  }
  trees.forEach((t, i) => {
    const [p50, p95, p99] = [50, 95, 99].map((p) => rounded(percentile(cpuUs[i], p) / 1000, 2));
    const total = cpuUs[i].reduce((sum, us) => sum + us, 0) / 1000 / rounds;
    console.log(
      `${t.root}: CPU per question p50 ${p50} / p95 ${p95} / p99 ${p99} ms, ${Math.round(total)} ms per round`,
    );
  });
  console.log(`load ${os.loadavg()[0].toFixed(1)}`);
  return different.length === 0 ? 0 : 1;
});
