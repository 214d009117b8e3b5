import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
  /** Appends the events in this order, in one write where the store can. */
  append(events: readonly InsightEvent[]): Promise<void>;
  /** The events at or after `since`, or all of them. */
  read(since?: Date): Promise<StoredEvents>;
  /** Deletes the records older than `before`; resolves to how many went. */
  prune(before: Date): Promise<number>;
}

/** One JSON object per line in a local file; the directory is created on the first write. */
export class JsonlInsightStore implements InsightStore {
  private directoryReady?: Promise<unknown>;

  constructor(readonly file: string) {}

  async append(events: readonly InsightEvent[]): Promise<void> {
    this.directoryReady ??= mkdir(path.dirname(this.file), { recursive: true });
    await this.directoryReady;
    await appendFile(this.file, events.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8');
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

  /**
   * Rewrites the file without the records older than `before`, replacing it in one rename so a reader never
   * sees half a file. A line without a readable date goes too: it could never age out. Runs in the
   * recorder's queue, so no append happens meanwhile.
   */
  async prune(before: Date): Promise<number> {
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const lines = content.split('\n').filter((line) => line.trim());
    const kept = lines.filter((line) => recordedAt(line) >= before.getTime());
    if (kept.length === lines.length) return 0;
    const temporary = `${this.file}.pruning`;
    await writeFile(temporary, kept.map((line) => `${line}\n`).join(''), 'utf8');
    await rename(temporary, this.file);
    return lines.length - kept.length;
  }
}

/** The time a stored line was recorded, or -Infinity when it cannot be read. */
function recordedAt(line: string): number {
  try {
    const at = Date.parse((JSON.parse(line) as { at?: unknown }).at as string);
    return Number.isNaN(at) ? -Infinity : at;
  } catch {
    return -Infinity;
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
