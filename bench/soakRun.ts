import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchChannelUrl, botApologies, runConversations } from './conversationLoad';
import { userMessages } from './userMessages';
import { BotProcess } from './serverProcess';
import { megabytes, percentile } from './stats';

export interface SoakOptions {
  /** Minutes of load. */
  minutes: number;
  /** Conversations at once; each has `turnsPerConversation` turns, then a new one starts. */
  conversations: number;
  turnsPerConversation: number;
  /** CONVERSATION_TTL_MINUTES of the server: short, so that expiry happens within the run. */
  ttlMinutes: number;
  sampleEveryMs: number;
  /** Sampling goes on this long after the load, to show the state expire. */
  settleMs: number;
  /** Each sample as it is taken (the table, line by line). */
  onSample?: (sample: SoakSample) => void;
}

export interface SoakSample {
  /** Seconds since the load started. */
  atSeconds: number;
  underLoad: boolean;
  turns: number;
  errors: number;
  rssMb: number;
  heapMb: number;
  /** bot_memory_entries{store="conversations"}: conversation states held. */
  conversations: number;
}

export interface SoakResult {
  samples: SoakSample[];
  turns: number;
  errors: number;
  errorSamples: string[];
  verdict: SoakVerdict;
}

export interface SoakVerdict {
  pass: boolean;
  /** The minute whose median RSS is the baseline (5, or the one before the last in shorter runs). */
  baselineMinute: number;
  baselineRssMb: number;
  lastMinuteRssMb: number;
  maxRssMb: number;
  /** The highest RSS from the baseline minute on. */
  maxAfterBaselineMb: number;
  growthPercent: number;
  errors: number;
}

/** RSS growth allowed from the baseline minute to the last minute of load. */
export const MAX_GROWTH_PERCENT = 10;

/**
 * Runs the real server process (as `npm start`, sandbox backend, in-memory state) under a steady conversation
 * load on loopback and samples its memory: RSS from /proc, heap and entry counts from its /metrics.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const server = await BotProcess.start({
    CONVERSATION_TTL_MINUTES: String(options.ttlMinutes),
    MESSAGES_PER_MINUTE: '1000',
    LOCAL_CHANNEL_URLS: await benchChannelUrl(),
  });
  const samples: SoakSample[] = [];
  let turns = 0;
  let errors = 0;
  let underLoad = true;
  const start = Date.now();
  const sampleNow = async () => {
    const sample = { ...(await measure(server)), atSeconds: Math.round((Date.now() - start) / 1000) };
    const full = { ...sample, underLoad, turns, errors };
    samples.push(full);
    options.onSample?.(full);
  };
  const sampler = setInterval(() => void sampleNow().catch(() => undefined), options.sampleEveryMs);
  try {
    const load = await runConversations({
      target: server.url,
      concurrency: options.conversations,
      turnsPerConversation: options.turnsPerConversation,
      conversations: Infinity,
      durationMs: options.minutes * 60_000,
      messages: userMessages(),
      isFailure: botApologies(),
      onTurn: (ok) => (ok ? turns++ : errors++),
    });
    underLoad = false;
    await sleep(options.settleMs);
    clearInterval(sampler);
    await sampleNow();
    const loadSamples = samples.filter((s) => s.underLoad);
    return {
      samples,
      turns: load.turns,
      errors: load.errors,
      errorSamples: load.errorSamples,
      verdict: judge(loadSamples, options.minutes, load.errors),
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

async function measure(
  server: BotProcess,
): Promise<Omit<SoakSample, 'atSeconds' | 'underLoad' | 'turns' | 'errors'>> {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  return {
    rssMb: megabytes(rssKb * 1024),
    heapMb: megabytes(metricValue(metrics, 'nodejs_heap_size_used_bytes')),
    conversations: metricValue(metrics, 'bot_memory_entries{store="conversations"}'),
  };
}

/** The value of one Prometheus sample line ("name value" or "name{labels} value"). */
export function metricValue(exposition: string, series: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

/**
 * PASS when no turn failed and the median RSS of the last minute is at most 10% above the median of
 * minute 5 (the first minutes are warm-up: code compiled, caches and the heap grown to their working size).
 */
export function judge(samples: readonly SoakSample[], minutes: number, errors: number): SoakVerdict {
  const baselineMinute = Math.max(1, Math.min(5, Math.ceil(minutes) - 1));
  const inMinute = (m: number) =>
    samples.filter((s) => s.atSeconds > (m - 1) * 60 && s.atSeconds <= m * 60).map((s) => s.rssMb);
  const median = (values: number[]) => percentile(values, 50);
  const baselineRssMb = median(inMinute(baselineMinute));
  const lastMinuteRssMb = median(samples.filter((s) => s.atSeconds > minutes * 60 - 60).map((s) => s.rssMb));
  const growthPercent = Math.round((lastMinuteRssMb / baselineRssMb - 1) * 1000) / 10;
  return {
    pass: errors === 0 && growthPercent <= MAX_GROWTH_PERCENT,
    baselineMinute,
    baselineRssMb,
    lastMinuteRssMb,
    maxRssMb: Math.max(...samples.map((s) => s.rssMb)),
    maxAfterBaselineMb: Math.max(
      ...samples.filter((s) => s.atSeconds > (baselineMinute - 1) * 60).map((s) => s.rssMb),
    ),
    growthPercent,
    errors,
  };
}
