import type { InsightRecorder } from './recorder';

const DAY_MS = 86_400_000;
/** Pruning is cheap for the stream and a rewrite of the file: hourly keeps the age exact enough. */
export const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Keeps what users asked and their feedback for `days` only (INSIGHTS_RETENTION_DAYS): prunes when started
 * and every hour after, through the recorder so it never races an append.
 */
export class InsightRetention {
  private readonly timer: NodeJS.Timeout;
  /** The pruning at start-up, for tests and a tidy shutdown. */
  readonly started: Promise<void>;

  constructor(
    private readonly recorder: InsightRecorder,
    private readonly days: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = this.prune();
    this.timer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    // A pending pruning is no reason to keep the process alive.
    this.timer.unref();
  }

  prune(): Promise<void> {
    return this.recorder.prune(new Date(this.now() - this.days * DAY_MS));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
