import type { Redis } from 'ioredis';
import type { Config } from '../config';
import { INSIGHTS_STREAM, RedisInsightStore } from './redisStore';
import { JsonlInsightStore, type InsightStore } from './store';

export interface InsightSource {
  store: InsightStore;
  /** Where the records are, for the operator: the file, or the Redis stream. */
  description: string;
}

type InsightConfig = Pick<Config, 'INSIGHTS_FILE' | 'INSIGHTS_MAX_ENTRIES'>;

/**
 * Where a deployment keeps what users ask: with REDIS_URL (its client given) the stream every instance
 * shares, otherwise this instance's INSIGHTS_FILE. The server writes and `faq -- report` reads the same one.
 */
export function insightSourceFor(config: InsightConfig, redis?: Redis): InsightSource {
  return redis
    ? {
        store: new RedisInsightStore(redis, config.INSIGHTS_MAX_ENTRIES),
        description: `Redis stream "${INSIGHTS_STREAM}" (REDIS_URL)`,
      }
    : { store: new JsonlInsightStore(config.INSIGHTS_FILE), description: config.INSIGHTS_FILE };
}
