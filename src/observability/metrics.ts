import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type FaqOutcomeLabel = 'answered' | 'ambiguous' | 'fallback';
export type TurnOutcome = 'ok' | 'rate-limited' | 'unavailable' | 'failed';

/**
 * The bot's Prometheus metrics, in a registry of its own (not prom-client's global one), so that several
 * applications in one process (tests, two instances) each count their own.
 */
export class BotMetrics {
  readonly registry = new Registry();

  readonly turns = new Counter({
    name: 'bot_turns_total',
    help: 'Turns handled, by activity type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly turnSeconds = new Histogram({
    name: 'bot_turn_duration_seconds',
    help: 'Time to handle one turn, replies and state included',
    labelNames: ['type'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly faqOutcomes = new Counter({
    name: 'bot_faq_outcomes_total',
    help: 'FAQ questions by language and outcome (answered, ambiguous, fallback)',
    labelNames: ['lang', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly actionOutcomes = new Counter({
    name: 'bot_action_outcomes_total',
    help: 'Self-service actions by action and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly supportRequests = new Counter({
    name: 'bot_support_requests_total',
    help: 'Support requests sent to the web support, by what the offer followed (reason) and language',
    labelNames: ['reason', 'lang'] as const,
    registers: [this.registry],
  });

  readonly backendSeconds = new Histogram({
    name: 'bot_backend_call_duration_seconds',
    help: "Calls to the insurer's backend by operation and result (ok or the error kind)",
    labelNames: ['operation', 'result'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly backendErrors = new Counter({
    name: 'bot_backend_errors_total',
    help: "Failed calls to the insurer's backend by operation and error kind",
    labelNames: ['operation', 'kind'] as const,
    registers: [this.registry],
  });

  readonly lockouts = new Counter({
    name: 'bot_lockouts_total',
    help: 'Contract numbers locked after too many wrong codes',
    registers: [this.registry],
  });

  readonly insightsDropped = new Counter({
    name: 'bot_insights_dropped_total',
    help: 'Insight events dropped because the insights store fell too far behind',
    registers: [this.registry],
  });

  /** Entries of each in-process store, counted when /metrics is read. */
  private readonly entryCounts = new Map<string, () => number>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const counts = this.entryCounts;
    new Gauge({
      name: 'bot_memory_entries',
      help: 'Entries held in process memory, by store (each is bounded and expires)',
      labelNames: ['store'] as const,
      registers: [this.registry],
      collect() {
        for (const [store, count] of counts) this.set({ store }, count());
      },
    });
  }

  /** Reports `count()` as bot_memory_entries{store}. */
  countEntries(store: string, count: () => number): void {
    this.entryCounts.set(store, count);
  }

  /** The text exposition served at /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
