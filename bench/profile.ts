import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/args';
import { botApologies, runConversations, startBotServer, startEchoServer } from './conversationLoad';
import { durationMs, positiveInteger, readOptions } from './options';
import { elapsedMs, rounded } from './stats';
import { userMessages } from './userMessages';

/** Turns before the measured ones, left out of the figures: at least this many, then this long. */
const WARM_UP_TURNS = 1000;
const WARM_UP_MS = 2000;

/** The parts of a V8 CPU profile (node --cpu-prof) this reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's own time goes: a package, a folder of our code, Node itself, or V8's bookkeeping. */
function ownerOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)')
    return functionName;
  if (url.startsWith('node:') || url === '') return 'Node (HTTP, sockets, streams, timers, promises)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return inPackage[1];
  const ours = /\/(?:dist|src)\/([^/]+)(?:\/|\.[jt]s)/.exec(url);
  if (ours) return `our code: src/${ours[1]}`;
  // The echo bot runs from its TypeScript source.
  return /\/bench\/[^/]+\.ts$/.test(url) ? 'the echo bot' : 'other';
}

/**
 * The parts of a turn, each by the code that does it: a sample counts for the first part found going from the
 * sampled function up through its callers, so Node's HTTP work under the connector client counts as sending the
 * reply, and a state read inside the dialogs as state.
 */
const TURN_PARTS: ReadonlyArray<[string, RegExp]> = [
  [
    'understanding the message (src/nlu, src/faq, src/languages, tinyld, snowball-stemmers, fuse.js)',
    /\/(?:dist|src)\/(?:nlu|faq|languages)\/|node_modules\/(?:tinyld|snowball-stemmers|fuse\.js)\//,
  ],
  [
    'sending the reply (botframework-connector and its Azure HTTP pipeline)',
    /node_modules\/(?:botframework-connector|@azure\/[^/]+|@typespec\/[^/]+)\/|botbuilder-stdlib\/lib\/azureCoreHttpCompat/,
  ],
  [
    'conversation state (BotState, accessors, storage)',
    /botbuilder-core\/lib\/(?:botState|conversationState|botStatePropertyAccessor|storage)|\/bot\/storage\/|botbuilder-stdlib\/lib\/stringify/,
  ],
  ['dialogs (botbuilder-dialogs, src/dialogs)', /botbuilder-dialogs|\/(?:dist|src)\/dialogs\//],
  [
    'around the turn (src/bot, security, state lock, observability, insights, i18n, prom-client, pino)',
    /\/(?:dist|src)\/(?:bot|security|state|observability|insights|i18n)\/|node_modules\/(?:i18next|prom-client|pino)\//,
  ],
  [
    'taking the request (restify, body, activity check, CloudAdapter, TurnContext)',
    /\/(?:dist|src)\/server\/|node_modules\/(?:restify|zod|find-my-way|botbuilder|botbuilder-core)\//,
  ],
  ['the echo bot', /\/bench\/[^/]+\.ts$/],
];

/** The part of a turn each profile node's samples count for (see TURN_PARTS); V8's own entries by name. */
function turnPartOf(profile: CpuProfile): (id: number) => string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const callerOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) callerOf.set(child, node.id);
  const parts = new Map<number, string>();
  const partOf = (id: number): string => {
    let part = parts.get(id);
    if (part !== undefined) return part;
    const { url, functionName } = byId.get(id)!.callFrame;
    if (functionName === '(garbage collector)') part = 'garbage collection';
    else if (functionName.startsWith('(')) part = functionName;
    else {
      const caller = callerOf.get(id);
      part =
        TURN_PARTS.find(([, code]) => code.test(url))?.[0] ??
        (caller === undefined ? NODE_ALONE : partOf(caller));
      if (part === '(root)') part = NODE_ALONE;
    }
    parts.set(id, part);
    return part;
  };
  return partOf;
}

const NODE_ALONE = 'Node alone (HTTP parsing and socket writes of both exchanges, timers, promises)';

/** Self time per group in milliseconds, largest first, from `fromMs` after the profile began; idle left out. */
function selfTimeBy(
  profile: CpuProfile,
  fromMs: number,
  groupOf: (id: number) => string,
): Array<[string, number]> {
  const totals = new Map<string, number>();
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const deltaUs = profile.timeDeltas[i] ?? 0;
    atUs += deltaUs;
    if (atUs < fromMs * 1000) return;
    const who = groupOf(id);
    totals.set(who, (totals.get(who) ?? 0) + deltaUs / 1000);
  });
  totals.delete('(idle)');
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * npm run profile -- [--conversations 10] [--duration 10s] [--server bot|echo-bot]   (KEEP_PROFILE=1 keeps the .cpuprofile)
 * Runs the compiled bot (npm run build first) under node --cpu-prof with that many conversations at once and prints
 * where its CPU time went after start-up and a warm-up (1,000 questions, then 2 s), grouped by package and by folder of our code, and the CPU ms per turn
 * (shutdown, a few ms, is counted in). `--server echo-bot` profiles bench/botbuilderEcho.ts the same way: the
 * difference is what the bot's turn costs on top of Bot Framework's.
 */
runCli(async (argv) => {
  const options = readOptions(argv, ['conversations', 'duration', 'server']);
  const kind = options.get('server') ?? 'bot';
  if (kind !== 'bot' && kind !== 'echo-bot')
    throw new Error(`--server must be bot or echo-bot, not "${kind}"`);
  const conversations = positiveInteger('conversations', options.get('conversations') ?? '10');
  const duration = durationMs('duration', options.get('duration') ?? '10s');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bot-profile-'));
  try {
    const profiled = ['--cpu-prof', '--cpu-prof-dir', dir];
    const server =
      kind === 'bot'
        ? await startBotServer('compiled', profiled)
        : await startEchoServer('botbuilder', profiled);
    const ready = process.hrtime.bigint();
    let turns = 0;
    let fromMs = 0;
    try {
      const load = {
        target: server.url,
        concurrency: conversations,
        turnsPerConversation: 10,
        conversations: Infinity,
        messages: userMessages(),
        isFailure: botApologies(),
      };
      // Start-up and a warm-up (what loads with the first messages, lazily built indexes, the JIT) are left
      // out of the figures: they are about turns. Enough questions that every FAQ entry was asked, so that what
      // its first question measures (its floor, src/faq/matcher.ts) is not counted as the cost of a turn.
      const warmUp = Math.ceil(WARM_UP_TURNS / load.turnsPerConversation);
      await runConversations({ ...load, conversations: warmUp, durationMs: Infinity });
      await runConversations({ ...load, durationMs: WARM_UP_MS });
      fromMs = server.readyMs + elapsedMs(ready);
      const result = await runConversations({ ...load, durationMs: duration });
      turns = result.turns;
      console.log(
        `${turns} turns, ${result.turnsPerSecond} turns/s, ${result.errors} errors (while profiled)`,
      );
    } finally {
      await server.stop(); // the profile is written when the process exits
    }
    const file = readdirSync(dir)
      .sort() // the main thread's first (tsx adds a loader thread)
      .find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`node wrote no CPU profile into ${dir}`);
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const owners = new Map(
      profile.nodes.map((n) => [n.id, ownerOf(n.callFrame.url, n.callFrame.functionName)]),
    );
    const byOwner = selfTimeBy(profile, fromMs, (id) => owners.get(id) ?? 'other');
    const total = byOwner.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(
      `CPU time after start-up and warm-up ${Math.round(total)} ms, ${rounded(total / Math.max(1, turns), 2)} ms per turn`,
    );
    const print = (rows: Array<[string, number]>) => {
      for (const [who, ms] of rows) {
        const perTurn = rounded(ms / Math.max(1, turns), 3);
        console.log(
          `${String(rounded((100 * ms) / total, 1)).padStart(5)}%  ${String(Math.round(ms)).padStart(6)} ms  ${String(perTurn).padStart(6)} ms/turn  ${who}`,
        );
      }
    };
    console.log('\nBy part of the turn (a sample counts for the nearest of these on its stack):');
    print(selfTimeBy(profile, fromMs, turnPartOf(profile)));
    console.log('\nBy package and by folder of our code (self time):');
    print(byOwner.slice(0, 25));
    return 0;
  } finally {
    if (!process.env.KEEP_PROFILE) rmSync(dir, { recursive: true, force: true });
    else console.log(`profile kept in ${dir}`);
  }
});
