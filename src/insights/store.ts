import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { insightEventSchema, type InsightEvent } from './events';

export interface StoredEvents {
  /** Oldest first. */
  events: InsightEvent[];
  /** Records that could not be read (e.g. a line cut short by a crash): counted, not fatal. */
  unreadable: number;
}

/**
 * Where what users ask and their feedback are kept, append-only. The JSONL file below is the default;
 * with several instances they share a Redis stream (redisStore.ts) with the same two methods.
 */
export interface InsightStore {
  append(event: InsightEvent): Promise<void>;
  /** The events at or after `since`, or all of them. */
  read(since?: Date): Promise<StoredEvents>;
}

/** One JSON object per line in a local file; the directory is created on the first write. */
export class JsonlInsightStore implements InsightStore {
  private directoryReady?: Promise<unknown>;

  constructor(readonly file: string) {}

  async append(event: InsightEvent): Promise<void> {
    this.directoryReady ??= mkdir(path.dirname(this.file), { recursive: true });
    await this.directoryReady;
    await appendFile(this.file, `${JSON.stringify(event)}\n`, 'utf8');
  }

  async read(since?: Date): Promise<StoredEvents> {
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], unreadable: 0 };
      throw error;
    }
    return parseEvents(content.split('\n'), since);
  }
}

/** Checks stored records with the event schema (they come from disk or another process: a boundary). */
export function parseEvents(records: readonly string[], since?: Date): StoredEvents {
  const result: StoredEvents = { events: [], unreadable: 0 };
  for (const record of records) {
    if (!record.trim()) continue;
    let parsed;
    try {
      parsed = insightEventSchema.safeParse(JSON.parse(record));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) result.unreadable++;
    else if (!since || Date.parse(parsed.data.at) >= since.getTime()) result.events.push(parsed.data);
  }
  return result;
}
