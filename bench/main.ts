import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../src/cli/args';
import { loadFaq } from '../src/faq/loader';
import {
  botApologies,
  runConversations,
  startBotServer,
  startEchoServer,
  type BotBuild,
  type LoadResult,
  type ServerProcess,
} from './conversationLoad';
import type { MatchingFigures } from './matching';
import { durationMs, positiveInteger, readOptions } from './options';
import { elapsedMs, percentile, rounded } from './stats';
import { syntheticEntries, writeFaqDir } from './syntheticFaq';
import { inTurn, userMessages } from './userMessages';

const PROJECT_ROOT = path.resolve(__dirname, '..');
const SHIPPED_FAQ = path.join(PROJECT_ROOT, 'faq');
const CONCURRENCY = [1, 10, 100];

/** Each FAQ is measured in a process of its own (see matchingProcess.ts), one after the other. */
async function matchingFigures(sizes: number[], minMs: number): Promise<MatchingFigures[]> {
  const shipped = loadFaq(SHIPPED_FAQ);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-faq-'));
  const figures: MatchingFigures[] = [];
  try {
    const faqs: Array<[string, string]> = [['shipped', SHIPPED_FAQ]];
    for (const size of sizes) {
      const dir = path.join(scratch, String(size));
      writeFaqDir(dir, shipped, syntheticEntries(shipped, size));
      faqs.push([`synthetic ${size}`, dir]);
    }
    for (const [label, dir] of faqs) {
      const script = path.join(__dirname, 'matchingProcess.ts');
      const args = ['--expose-gc', '--import', 'tsx', script, label, dir, String(minMs)];
      const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
      figures.push(JSON.parse(stdout) as MatchingFigures);
      console.error(`matching: ${label} done`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return figures;
}

interface ColdStart {
  build: BotBuild;
  runs: number;
  /** Process start until /healthz answers. */
  readyMs: number;
  /** Process start until the reply to the first question reached the channel. */
  firstAnswerMs: number;
}

async function coldStart(runs: number, build: BotBuild): Promise<ColdStart> {
  const ready: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < runs; i++) {
    const spawned = process.hrtime.bigint();
    const server = await startBotServer(build);
    try {
      const result = await runConversations({
        target: server.url,
        concurrency: 1,
        turnsPerConversation: 1,
        conversations: 1,
        durationMs: 60_000,
        messages: inTurn([{ lang: 'de', text: 'Ich habe mein Passwort vergessen' }]),
        isFailure: botApologies(),
      });
      if (result.turns !== 1)
        throw new Error(`cold start: the first question failed: ${result.errorSamples.join('; ')}`);
      answered.push(elapsedMs(spawned));
      ready.push(server.readyMs);
    } finally {
      await server.stop();
    }
  }
  return {
    build,
    runs,
    readyMs: Math.round(percentile(ready, 50)),
    firstAnswerMs: Math.round(percentile(answered, 50)),
  };
}

const SERVERS = {
  bot: () => startBotServer('compiled'),
  botbuilderEcho: () => startEchoServer('botbuilder'),
  echo: () => startEchoServer('restify'),
};
type ServerName = keyof typeof SERVERS;
/** Each server is measured this many times per level, taking turns, and its median run counts. */
const ROUNDS = 3;

/**
 * 1, 10 and 100 conversations at once against each server, each level after a short warm-up. The servers take
 * turns within a level (bot, echo bot, echo, three times), so that load from elsewhere on the machine weighs on
 * all of them alike; the median of the rounds counts.
 */
async function endToEnd(duration: number): Promise<Record<ServerName, LoadResult[]>> {
  const names = Object.keys(SERVERS) as ServerName[];
  const servers: Partial<Record<ServerName, ServerProcess>> = {};
  // One stream for all runs: no server is asked the same text twice.
  const messages = userMessages();
  const isFailure = botApologies();
  try {
    for (const name of names) servers[name] = await SERVERS[name]();
    const results = { bot: [], botbuilderEcho: [], echo: [] } as Record<ServerName, LoadResult[]>;
    for (const concurrency of CONCURRENCY) {
      const runs = new Map<ServerName, LoadResult[]>(names.map((n) => [n, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of names) {
          const level = {
            target: servers[name]!.url,
            concurrency,
            turnsPerConversation: 10,
            conversations: Infinity,
            messages,
            isFailure,
          };
          await runConversations({ ...level, durationMs: Math.min(1000, duration) });
          runs.get(name)!.push(await runConversations({ ...level, durationMs: duration }));
        }
      }
      for (const name of names) {
        const all = runs.get(name)!;
        const median = [...all].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond)[Math.floor(ROUNDS / 2)]!;
        results[name].push({ ...median, errors: all.reduce((n, r) => n + r.errors, 0) });
      }
      console.error(`end to end: ${concurrency} conversations done`);
    }
    return results;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: rounded(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => rounded(l, 2)),
  };
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padStart(widths[c])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

type Report = Awaited<ReturnType<typeof measureAll>>;

/** `npm run build`, as `npm start` does; type errors elsewhere in the tree do not stop tsc from emitting. */
async function buildBot(): Promise<void> {
  const tsc = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [
    tsc,
    '-p',
    path.join(PROJECT_ROOT, 'tsconfig.build.json'),
  ]).catch((error: { stdout?: string }) =>
    console.error(`npm run build reported errors:\n${error.stdout ?? ''}`),
  );
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js')))
    throw new Error('npm run build produced no dist/index.js');
}

const PARTS = ['matching', 'cold-start', 'end-to-end'] as const;
type Part = (typeof PARTS)[number];

function parts(value: string): Set<Part> {
  const chosen = value.split(',').map((p) => p.trim());
  const unknown = chosen.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`--parts: unknown ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
  return new Set(chosen as Part[]);
}

async function measureAll(sizes: number[], matchMs: number, duration: number, only: Set<Part>) {
  const matching = only.has('matching') ? await matchingFigures(sizes, matchMs) : [];
  await buildBot();
  const coldStarts = only.has('cold-start')
    ? [await coldStart(3, 'compiled'), await coldStart(3, 'source')]
    : [];
  if (!only.has('end-to-end')) return { machine: machine(), matching, coldStarts };
  return { machine: machine(), matching, coldStarts, endToEnd: await endToEnd(duration) };
}

const SERVER_NAMES = { bot: 'bot', botbuilderEcho: 'BotBuilder echo bot', echo: 'bare restify echo' };

/** Turns/s of `a` as a percentage of `b`'s, per number of conversations. */
function share(a: LoadResult[], b: LoadResult[]): string {
  return a
    .map((r, i) => `${r.concurrency}: ${Math.round((100 * r.turnsPerSecond) / b[i].turnsPerSecond)}%`)
    .join(', ');
}

function render(report: Report): string {
  const { machine: m, matching, coldStarts } = report;
  const sections = [
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
  ];
  if (matching.length > 0) {
    sections.push(
      'Matching (one question; µs = microseconds)\n' +
        table(
          [
            'FAQ',
            'entries',
            'phrasings',
            'p50 µs',
            'p95 µs',
            'p99 µs',
            'questions/s',
            'build ms',
            'first round ms',
            'index MB',
            'RSS MB',
          ],
          matching.map((f) => [
            f.label,
            f.entries,
            f.phrasings,
            f.p50Us,
            f.p95Us,
            f.p99Us,
            f.queriesPerSecond,
            f.buildMs,
            f.firstRoundMs,
            f.indexHeapMb,
            f.rssMb,
          ]),
        ),
    );
  }
  if (coldStarts.length > 0) {
    sections.push(
      coldStarts
        .map(
          (cold) =>
            `Cold start, ${cold.build === 'compiled' ? 'node dist/index.js (npm start)' : 'tsx src/index.ts'} (median of ${cold.runs}): ` +
            `healthy after ${cold.readyMs} ms, first question answered after ${cold.firstAnswerMs} ms`,
        )
        .join('\n'),
    );
  }
  const { endToEnd } = report;
  if (endToEnd) {
    sections.push(
      [
        'End to end on loopback, bot from dist/ (turn = POST /api/messages until the reply reached the channel)',
        table(
          [
            'server',
            'conversations',
            'turns',
            'turns/s',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'errors',
            'POSTs/turn',
          ],
          (['bot', 'botbuilderEcho', 'echo'] as const).flatMap((server) =>
            endToEnd[server].map((r) => [
              SERVER_NAMES[server],
              r.concurrency,
              r.turns,
              r.turnsPerSecond,
              r.p50Ms,
              r.p95Ms,
              r.p99Ms,
              r.errors,
              r.channelPostsPerTurn,
            ]),
          ),
        ),
        `Bot turns/s as share of the BotBuilder echo bot: ${share(endToEnd.bot, endToEnd.botbuilderEcho)}`,
        `Bot turns/s as share of the bare restify echo: ${share(endToEnd.bot, endToEnd.echo)}`,
        `BotBuilder echo bot as share of the bare restify echo: ${share(endToEnd.botbuilderEcho, endToEnd.echo)}`,
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}

/**
 * npm run bench -- [--json FILE] [--sizes 100,1000,5000] [--match-time 3s] [--duration 5s]
 *   [--parts matching,cold-start,end-to-end]
 * Prints the figures as tables (progress on stderr) and writes them as JSON to FILE.
 */
runCli(async (argv) => {
  const options = readOptions(argv, ['json', 'sizes', 'match-time', 'duration', 'parts']);
  const sizes = (options.get('sizes') ?? '100,1000,5000').split(',').map((s) => positiveInteger('sizes', s));
  const report = await measureAll(
    sizes,
    durationMs('match-time', options.get('match-time') ?? '3s'),
    durationMs('duration', options.get('duration') ?? '5s'),
    parts(options.get('parts') ?? PARTS.join(',')),
  );
  const json = options.get('json');
  if (json) {
    mkdirSync(path.dirname(path.resolve(json)), { recursive: true });
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  }
  console.log(render(report));
  if (json) console.log(`\nFigures written to ${json}`);
  const loads = report.endToEnd ? Object.values(report.endToEnd).flat() : [];
  const errors = loads.reduce((n, r) => n + r.errors, 0);
  return errors === 0 ? 0 : 1;
});
