import type { Language } from '../language';
import type { MatchOutcome } from '../faq/matcher';
import type { OperatorLog } from '../observability/operatorLog';
import { maskPii } from '../security/pii';
import type { InsightEvent, SuggestionSource } from './events';
import type { InsightStore } from './store';

/**
 * Records what users ask and how they rate answers without ever holding up a turn: each record is queued
 * and written in the background (in order), and a failure is logged, never thrown at the conversation.
 */
export class InsightRecorder {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: InsightStore,
    private readonly log: OperatorLog,
    private readonly now: () => number = Date.now,
  ) {}

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

  /** Deletes the records older than `before`, after what is queued; a failure is logged. */
  prune(before: Date): Promise<void> {
    this.queue = this.queue
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
    return this.queue;
  }

  /** Resolves once everything recorded so far is written (or failed): for shutdown and tests. */
  flush(): Promise<void> {
    return this.queue;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  private append(event: InsightEvent): void {
    this.queue = this.queue
      .then(() => this.store.append(event))
      .catch((error: Error) =>
        this.log.error(
          { insightEvent: event.type, err: error },
          `Could not record a ${event.type} event: ${error.message}`,
        ),
      );
  }
}
