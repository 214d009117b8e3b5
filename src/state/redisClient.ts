import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** Longest wait for one command before it fails (the turn then answers "temporarily unavailable"). */
  commandTimeoutMs?: number;
  /** Called when the connection is lost or comes back: once per change, not per reconnection attempt. */
  onStatusChange?: (status: 'connected' | 'disconnected', detail?: string) => void;
}

/**
 * A Redis client that fails fast instead of queueing: while the server is unreachable every command is
 * rejected at once (no offline queue), and the client keeps reconnecting in the background, so the bot
 * recovers by itself when Redis is back.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  // Loaded here, with REDIS_URL only: a single instance without Redis does not pay for it at every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Redis: RedisClient } = require('ioredis') as typeof IORedis;
  const client = new RedisClient(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let connected = false;
  client.on('ready', () => {
    if (!connected) options.onStatusChange?.('connected');
    connected = true;
  });
  // Without an 'error' listener a lost connection would crash the process.
  client.on('error', (error: Error) => {
    if (connected) options.onStatusChange?.('disconnected', error.message);
    connected = false;
  });
  client.on('end', () => {
    connected = false;
  });
  return client;
}

/** Connects, waiting at most `timeoutMs`; false if Redis is not reachable yet (the client keeps trying). */
export async function connectRedis(client: Redis, timeoutMs = 5000): Promise<boolean> {
  if (client.status === 'ready') return true;
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (client.status === 'wait') client.connect().catch(() => undefined);
  return ready;
}
