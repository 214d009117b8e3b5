import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { factsIn } from '../src/faq/content';
import { loadFaq } from '../src/faq/loader';
import { LANGUAGES, type Language } from '../src/language';
import { loadTranslator } from '../src/i18n/translator';
import { readBody } from '../src/sandbox/httpIo';
import type { Query } from './matching';
import { elapsedMs, percentile, rounded } from './stats';
import type { Messages } from './userMessages';

const PROJECT_ROOT = path.resolve(__dirname, '..');
/** Replies are small activities; anything bigger is not a reply. */
const REPLY_LIMIT_BYTES = 1024 * 1024;
const LOCALES: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };

/** Resolves a turn when the bot's reply to it reaches the receiver. */
interface Waiter {
  resolve: (text: string) => void;
  timer: NodeJS.Timeout;
}

/**
 * The channel's serviceUrl on loopback: answers the bot's replies like the Bot Connector does and tells the
 * waiting turn (by the id of the activity replied to) that its reply arrived.
 */
export class ReplyReceiver {
  /** Every POST a server under load made to the channel. */
  replies = 0;
  private readonly server: Server;
  private readonly waiting = new Map<string, Waiter>();

  constructor() {
    this.server = createServer((req, res) => {
      readBody(req, REPLY_LIMIT_BYTES).then(
        (body) => {
          this.replies++;
          const replyTo = /\/activities\/([^/?]+)$/.exec(req.url ?? '')?.[1];
          if (replyTo) this.deliver(decodeURIComponent(replyTo), textOf(body));
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${this.replies}` }));
        },
        () => {
          // Not chained: restify, once loaded, patches writeHead of every http server to return nothing.
          res.writeHead(413);
          res.end();
        },
      );
    });
  }

  /** Listens on the channel port; it does not keep the process alive (the runs' own requests do). */
  async start(): Promise<string> {
    this.server.on('connection', (socket) => socket.unref());
    const url = `http://127.0.0.1:${await listenOnLoopback(this.server, await channelPort)}`;
    this.server.unref();
    return url;
  }

  /** The text of the first reply to `activityId` from now on (ask before posting it); rejects after `timeoutMs`. */
  reply(activityId: string, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(activityId);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(activityId, { resolve, timer });
    });
  }

  /** Forgets a turn that failed before its reply came. */
  forget(activityId: string): void {
    const waiter = this.waiting.get(activityId);
    if (waiter) clearTimeout(waiter.timer);
    this.waiting.delete(activityId);
  }

  private deliver(activityId: string, text: string): void {
    // A turn's further replies (follow-up questions, buttons) find no waiter any more.
    const waiter = this.waiting.get(activityId);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiting.delete(activityId);
    waiter.resolve(text);
  }
}

export interface LoadOptions {
  /** Base URL of the server under load; activities go to `${target}/api/messages`. */
  target: string;
  /** Conversations running at the same time. */
  concurrency: number;
  turnsPerConversation: number;
  /** Conversations in all (each of `turnsPerConversation` turns); Infinity: as many as fit in the duration. */
  conversations: number;
  durationMs: number;
  /** What users say: the next message of any conversation (see userMessages.ts). */
  messages: Messages;
  replyTimeoutMs?: number;
  /** A reply that means the turn failed inside the bot (its apology for an error). */
  isFailure?: (text: string) => boolean;
  /** Told after each turn whether it succeeded (progress of long runs). */
  onTurn?: (ok: boolean) => void;
}

export interface LoadResult {
  concurrency: number;
  turns: number;
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
  durationMs: number;
  turnsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** POSTs to the channel per turn (the bot's replies: one per activity it sends). */
  channelPostsPerTurn: number;
}

let runs = 0;

/**
 * The channel of this process, one receiver for all runs, as a real channel outlives a bot's turns: the bot's
 * pooled connections to it stay open between runs. A receiver per run, closed after it, made the first replies
 * of the next run fail (ECONNRESET, a 502) on a busy machine, where the bot reused a connection before it had
 * seen it closed.
 */
let channel: Promise<{ receiver: ReplyReceiver; url: string }> | undefined;

function sharedChannel(): Promise<{ receiver: ReplyReceiver; url: string }> {
  channel ??= (async () => {
    const receiver = new ReplyReceiver();
    return { receiver, url: await receiver.start() };
  })();
  return channel;
}

/**
 * Drives conversations against /api/messages: each turn posts a message activity whose serviceUrl is the
 * local receiver and lasts until both the HTTP answer and the bot's reply have arrived. Stops when all
 * conversations are done or the duration is over (turns in flight finish).
 */
export async function runConversations(options: LoadOptions): Promise<LoadResult> {
  const { receiver, url: serviceUrl } = await sharedChannel();
  const postsBefore = receiver.replies;
  const run = ++runs;
  const latencies: number[] = [];
  const errors: string[] = [];
  const start = process.hrtime.bigint();
  let nextConversation = 0;

  const turn = async (conversationId: string, activityId: string, message: Query) => {
    const turnStart = process.hrtime.bigint();
    try {
      const reply = receiver.reply(activityId, options.replyTimeoutMs ?? 10_000);
      reply.catch(() => undefined);
      const response = await fetch(`${options.target}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(serviceUrl, conversationId, activityId, message)),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`/api/messages answered ${response.status}`);
      const text = await reply;
      if (options.isFailure?.(text)) throw new Error('the bot apologised for an error');
      latencies.push(elapsedMs(turnStart));
      options.onTurn?.(true);
    } catch (error) {
      receiver.forget(activityId);
      errors.push(`${conversationId}: ${(error as Error).message}`);
      options.onTurn?.(false);
    }
  };

  const worker = async () => {
    while (nextConversation < options.conversations && elapsedMs(start) < options.durationMs) {
      const conversationId = `load-${process.pid}-${run}-${nextConversation++}`;
      for (let t = 0; t < options.turnsPerConversation && elapsedMs(start) < options.durationMs; t++) {
        await turn(conversationId, `${conversationId}-${t}`, options.messages());
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const durationMs = elapsedMs(start);

  return {
    concurrency: options.concurrency,
    turns: latencies.length,
    errors: errors.length,
    errorSamples: errors.slice(0, 5),
    durationMs: Math.round(durationMs),
    turnsPerSecond: rounded((latencies.length / durationMs) * 1000),
    p50Ms: rounded(percentile(latencies, 50), 2),
    p95Ms: rounded(percentile(latencies, 95), 2),
    p99Ms: rounded(percentile(latencies, 99), 2),
    channelPostsPerTurn: rounded(
      (receiver.replies - postsBefore) / Math.max(1, latencies.length + errors.length),
      2,
    ),
  };
}

function messageActivity(serviceUrl: string, conversationId: string, activityId: string, message: Query) {
  return {
    type: 'message',
    id: activityId,
    channelId: 'loadtest',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: LOCALES[message.lang],
    text: message.text,
    timestamp: new Date().toISOString(),
  };
}

/** Whether a reply is one of the bot's apologies (the `errors.*` strings): the turn failed inside the bot. */
export function botApologies(): (text: string) => boolean {
  const localesDir = path.join(PROJECT_ROOT, 'locales');
  const { facts } = loadFaq(path.join(PROJECT_ROOT, 'faq'));
  const translator = loadTranslator(localesDir, (lang) => factsIn(facts, lang));
  const strings = JSON.parse(readFileSync(path.join(localesDir, 'de', 'translation.json'), 'utf8')) as {
    errors: Record<string, string>;
  };
  const apologies = new Set(
    LANGUAGES.flatMap((lang) =>
      Object.keys(strings.errors).map((key) => translator.t(lang, `errors.${key}`)),
    ),
  );
  return (text) => apologies.has(text);
}

/** A server under load, running in a child process so that it has its own event loop (and core). */
export interface ServerProcess {
  url: string;
  /** Milliseconds from spawning the process until it answered its health check. */
  readyMs: number;
  stop(): Promise<void>;
}

const TSX = ['--import', 'tsx'];

/** How the bot runs: from the TypeScript sources (tsx) or as `npm start` runs it, from dist/ (`npm run build`). */
export type BotBuild = 'source' | 'compiled';

const BOT_ENTRY: Record<BotBuild, string[]> = {
  source: [...TSX, path.join(PROJECT_ROOT, 'src', 'index.ts')],
  compiled: [path.join(PROJECT_ROOT, 'dist', 'index.js')],
};

/**
 * Starts the real bot (src/index.ts, wired as `npm start` wires it) on a free loopback port, with the sandbox
 * backend, a private insights file, warnings-only logging and a message limit that load does not hit;
 * `nodeOptions` go to node (e.g. --cpu-prof).
 */
export async function startBotServer(
  build: BotBuild = 'source',
  nodeOptions: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-bot-'));
  const child = spawn(process.execPath, [...nodeOptions, ...BOT_ENTRY[build]], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SANDBOX_PORT: '0',
      LOG_LEVEL: 'warn',
      MESSAGES_PER_MINUTE: '1000',
      INSIGHTS_FILE: path.join(scratch, 'insights.jsonl'),
      LOCAL_CHANNEL_URLS: await benchChannelUrl(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitUntilHealthy(child, `http://127.0.0.1:${port}`, () =>
    rmSync(scratch, { recursive: true, force: true }),
  );
}

/** The echo servers the bot is compared with. */
export type EchoKind = 'restify' | 'botbuilder';

const ECHO_SCRIPT: Record<EchoKind, string> = {
  // The bare restify endpoint: the ceiling for /api/messages here.
  restify: 'echoServer.ts',
  // A plain BotBuilder echo bot: what Bot Framework itself costs.
  botbuilder: 'botbuilderEcho.ts',
};

export async function startEchoServer(
  kind: EchoKind,
  nodeOptions: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const script = path.join(__dirname, ECHO_SCRIPT[kind]);
  const child = spawn(process.execPath, [...nodeOptions, ...TSX, script, String(port)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitUntilHealthy(child, `http://127.0.0.1:${port}`, () => undefined);
}

/** Polls GET /healthz until it answers 200; fails with the child's last output if it exits or takes 60 s. */
async function waitUntilHealthy(
  child: ChildProcess,
  url: string,
  cleanUp: () => void,
): Promise<ServerProcess> {
  const spawned = process.hrtime.bigint();
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== undefined) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).then(cleanUp);
  while (elapsedMs(spawned) < 60_000) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.ok) return { url, readyMs: elapsedMs(spawned), stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await stop();
  throw new Error(`the server did not become healthy within 60 s:\n${output}`);
}

/**
 * The channel's port for every run of this process, chosen once: the bot is told it (LOCAL_CHANNEL_URLS)
 * before it starts, as it replies to no other port of this machine. Runs take turns on it.
 */
const channelPort = freePort();

/** The serviceUrl the load driver's activities carry: give it to the bot as LOCAL_CHANNEL_URLS. */
export async function benchChannelUrl(): Promise<string> {
  return `http://127.0.0.1:${await channelPort}`;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function textOf(body: string): string {
  try {
    const text = (JSON.parse(body) as { text?: unknown }).text;
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}
