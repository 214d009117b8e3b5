import type { SupportReason } from '../actions/supportRequests';
import type { Language } from '../language';
import type { MatchOutcome } from '../faq/matcher';
import type { OperatorLog } from '../observability/operatorLog';
import { maskPii } from '../security/pii';
import type { InsightEvent, SuggestionSource } from './events';
import type { InsightStore } from './store';

export interface InsightRecorderOptions {
  now?: () => number;
  /** Events waiting to be written at most; beyond it the oldest waiting one is dropped. */
  maxPending?: number;
  /** Called for each dropped event (counted in /metrics). */
  onDropped?: () => void;
}

/**
 * Records what users ask and how they rate answers without ever holding up a turn: each record is queued
 * and written in the background (in order, those queued meanwhile together), and a failure is logged, never thrown at the conversation.
 * The queue is bounded: a store that hangs costs some events (counted and logged), never the process's memory.
 */
export class InsightRecorder {
  private readonly pending: InsightEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  /** How many of the first pending events the store is writing now. */
  private inFlight = 0;
  private readonly now: () => number;
  private readonly maxPending: number;

  constructor(
    private readonly store: InsightStore,
    private readonly log: OperatorLog,
    private readonly options: InsightRecorderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxPending = Math.max(2, options.maxPending ?? 1000);
  }

  /** A question the matcher decided on; its text is kept, masked, only when it was not answered. */
  question(lang: Language, text: string, outcome: MatchOutcome): void {
    const candidates = outcome.candidates.map(({ id, score }) => ({
      id,
      score: Math.round(score * 1000) / 1000,
    }));
    const common = {
      type: 'question',
      at: this.timestamp(),
      lang,
      outcome: outcome.kind,
      candidates,
    } as const;
    this.append(
      outcome.kind === 'answer' ? { ...common, entryId: outcome.id } : { ...common, text: maskPii(text) },
    );
  }

  feedback(lang: Language, entryId: string, helpful: boolean): void {
    this.append({ type: 'feedback', at: this.timestamp(), lang, entryId, helpful });
  }

  /** A wording that `entryId` turned out to answer: a candidate alternate, masked like every kept text. */
  suggestion(lang: Language, entryId: string, text: string, source: SuggestionSource): void {
    this.append({ type: 'suggestion', at: this.timestamp(), lang, entryId, text: maskPii(text), source });
  }

  /** A support request: which entries the person had seen before handing the case over. */
  supportRequest(lang: Language, reason: SupportReason, entryIds: readonly string[]): void {
    this.append({ type: 'support-request', at: this.timestamp(), lang, reason, entryIds: [...entryIds] });
  }

  /** Deletes the records older than `before`, after what is queued; a failure is logged. */
  prune(before: Date): Promise<void> {
    this.writing = this.writing
      .then(() => this.store.prune(before))
      .then(
        (removed) => {
          if (removed > 0)
            this.log.info(
              { removed, before: before.toISOString() },
              `Deleted ${removed} insight records from before ${before.toISOString()}.`,
            );
        },
        (error: Error) =>
          this.log.error({ err: error }, `Could not delete old insight records: ${error.message}`),
      );
    return this.writing;
  }

  /** Resolves once everything recorded so far is written (or failed): for shutdown and tests. */
  flush(): Promise<void> {
    return this.writing;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  private append(event: InsightEvent): void {
    this.pending.push(event);
    // The events being written stay; the oldest waiting one goes (the first is as good as being written).
    if (this.pending.length > this.maxPending) {
      this.drop(this.pending.splice(Math.max(1, this.inFlight), 1)[0]!);
    }
    if (this.pending.length === 1) this.writing = this.writeAll();
  }

  /** Writes what waits in batches: one file append or one Redis round trip for all the turns meanwhile. */
  private async writeAll(): Promise<void> {
    await this.writing;
    while (this.pending.length > 0) {
      const batch = this.pending.slice();
      this.inFlight = batch.length;
      try {
        await this.store.append(batch);
      } catch (error) {
        const [first] = batch;
        this.log.error(
          { insightEvent: first!.type, events: batch.length, err: error },
          `Could not record ${batch.length === 1 ? `a ${first!.type} event` : `${batch.length} events`}: ${(error as Error).message}`,
        );
      }
      this.pending.splice(0, batch.length);
      this.inFlight = 0;
    }
  }

  private drop(event: InsightEvent): void {
    this.dropped++;
    this.options.onDropped?.();
    // Once when it starts and then every thousandth: a hung store must not flood the log as well.
    if (this.dropped % 1000 === 1) {
      this.log.error(
        { insightEvent: event.type, dropped: this.dropped },
        `The insights store falls behind: ${this.dropped} event(s) dropped so far`,
      );
    }
  }
}
