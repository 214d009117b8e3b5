import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import { MemoryExpiringStore, type ExpiringStore } from '../../security/expiringStore';
import { SecretBox } from '../../security/secretBox';
import { ClientLimits } from './clientLimits';
import { LocalConversations } from './conversations';
import type { LocalDirectLine } from './localDirectLine';
import { MemoryDirectLineStore } from './memoryStore';
import { RedisDirectLineStore } from './redisStore';

export interface LocalDirectLineParts {
  /** The shared counters (Redis with REDIS_URL): per-client rates hold across instances. */
  store?: ExpiringStore;
  /** With REDIS_URL: tokens, conversations and activities live there, for every instance. */
  redis?: Redis;
  /** Keys token and address hashes and seals the activities in Redis (STATE_SECRET). */
  box?: SecretBox;
  /** In memory: told each conversation forgotten (expired or evicted), so its bot state is dropped too. */
  onForget?: (conversationId: string) => void;
  now?: () => number;
}

/** The local Direct Line's state: in memory for one instance, in Redis (with `redis`) for several. */
export function createLocalDirectLine(config: Config, parts: LocalDirectLineParts = {}): LocalDirectLine {
  const box = parts.box ?? new SecretBox(randomBytes(32).toString('base64url'));
  const conversations = new LocalConversations({
    store: parts.redis
      ? new RedisDirectLineStore(parts.redis, box)
      : new MemoryDirectLineStore(undefined, parts.now, parts.onForget),
    hashToken: (token) => box.key('directline-token', token),
    now: parts.now,
  });
  const clients = new ClientLimits(
    parts.store ?? new MemoryExpiringStore(),
    (address) => box.key('client', address),
    {
      conversationsPerMinute: config.DIRECT_LINE_CONVERSATIONS_PER_MINUTE,
      requestsPerMinute: config.DIRECT_LINE_REQUESTS_PER_MINUTE,
    },
  );
  return { conversations, clients, trustedProxies: config.TRUST_PROXY };
}
