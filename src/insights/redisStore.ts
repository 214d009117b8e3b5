import type { Redis } from 'ioredis';
import type { InsightEvent } from './events';
import { parseEvents, type InsightStore, type StoredEvents } from './store';

/** The stream every instance appends to and `faq -- report` reads. */
export const INSIGHTS_STREAM = 'bot:insights';

/** Records per XRANGE call while reading: bounded replies, however long the stream. */
const PAGE = 1000;

/**
 * The shared store of several instances: one Redis stream, appended with XADD. The stream is capped at about
 * `maxEntries` records (the oldest go first; `~` lets Redis trim whole blocks, which is cheap), so it cannot
 * fill Redis however long the bot runs.
 */
export class RedisInsightStore implements InsightStore {
  constructor(
    private readonly redis: Redis,
    private readonly maxEntries: number,
  ) {}

  /** One round trip for all the events (a pipeline of XADDs); the first failure is thrown. */
  async append(events: readonly InsightEvent[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const event of events) {
      pipeline.xadd(INSIGHTS_STREAM, 'MAXLEN', '~', this.maxEntries, '*', 'event', JSON.stringify(event));
    }
    const failure = (await pipeline.exec())?.find(([error]) => error)?.[0];
    if (failure) throw failure;
  }

  /** XTRIM MINID: the stream's ids are the Redis server's clock at XADD, in milliseconds. */
  async prune(before: Date): Promise<number> {
    return this.redis.xtrim(INSIGHTS_STREAM, 'MINID', before.getTime());
  }

  async read(since?: Date): Promise<StoredEvents> {
    const records: string[] = [];
    let start = '-';
    for (;;) {
      const page = await this.redis.xrange(INSIGHTS_STREAM, start, '+', 'COUNT', PAGE);
      for (const [, fields] of page) records.push(eventField(fields));
      if (page.length < PAGE) break;
      start = `(${page[page.length - 1][0]}`;
    }
    // Filtered by the recorded time, as in the file: the stream id is the server's clock, not the bot's.
    return parseEvents(records, since);
  }
}

/** An entry's fields are [name, value, …]; one without an "event" field is counted as unreadable. */
function eventField(fields: readonly string[]): string {
  const at = fields.indexOf('event');
  return at >= 0 && at % 2 === 0 ? (fields[at + 1] ?? '') : 'no event field';
}
