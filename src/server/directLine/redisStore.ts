import type { Redis } from 'ioredis';
import type { SecretBox } from '../../security/secretBox';
import { storeCall } from '../../state/storeUnavailable';
import type { AppendRefusal, ConversationBudget, DirectLineStore, StoredConversation } from './store';

// Checks the budget and appends in one step, so instances posting to one conversation at once cannot
// both squeeze past it; the log expires with its conversation.
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local length = redis.call('LLEN', KEYS[2])
local bytes = tonumber(redis.call('HGET', KEYS[1], 'bytes') or '0')
if length >= tonumber(ARGV[2]) or bytes + tonumber(ARGV[3]) > tonumber(ARGV[4]) then return -2 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HINCRBY', KEYS[1], 'bytes', ARGV[3])
redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
return length`;

const START = `
if redis.call('HGET', KEYS[1], 'started') ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'started', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return 1`;

const TOUCH = `
if redis.call('HGET', KEYS[1], 'started') ~= '1' then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return 1`;

/**
 * The local Direct Line in Redis, shared by every instance behind a load balancer (no sticky sessions):
 * keys `bot:dl:token:<keyed hash of the token>`, `bot:dl:conv:<id>` (a hash) and `bot:dl:log:<id>` (a list
 * of activities sealed with STATE_SECRET: what users type may hold contract numbers and codes). Each
 * expires with its conversation; the total size is Redis's own `maxmemory`.
 */
export class RedisDirectLineStore implements DirectLineStore {
  constructor(
    private readonly redis: Redis,
    private readonly box: SecretBox,
    private readonly prefix = 'bot:dl:',
  ) {}

  async create(conversation: StoredConversation, ttlMs: number): Promise<boolean> {
    const key = this.conversationKey(conversation.id);
    await storeCall('directLine.create', () =>
      this.redis
        .multi()
        .hset(key, { user: conversation.userId, started: conversation.started ? '1' : '0', bytes: '0' })
        .pexpire(key, ttlMs)
        .exec(),
    );
    return true;
  }

  async find(id: string): Promise<StoredConversation | undefined> {
    const fields = await storeCall('directLine.find', () => this.redis.hgetall(this.conversationKey(id)));
    if (!fields.user) return undefined;
    return { id, userId: fields.user, started: fields.started === '1' };
  }

  async start(id: string, ttlMs: number): Promise<boolean> {
    const started = await storeCall('directLine.start', () =>
      this.redis.eval(START, 2, this.conversationKey(id), this.logKey(id), String(ttlMs)),
    );
    return Number(started) === 1;
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    await storeCall('directLine.touch', () =>
      this.redis.eval(TOUCH, 2, this.conversationKey(id), this.logKey(id), String(ttlMs)),
    );
  }

  async putToken(hash: string, conversationId: string, ttlMs: number): Promise<void> {
    await storeCall('directLine.putToken', () =>
      this.redis.set(`${this.prefix}token:${hash}`, conversationId, 'PX', ttlMs),
    );
  }

  async tokenConversation(hash: string): Promise<string | undefined> {
    return (
      (await storeCall('directLine.token', () => this.redis.get(`${this.prefix}token:${hash}`))) ?? undefined
    );
  }

  async deleteToken(hash: string): Promise<void> {
    await storeCall('directLine.deleteToken', () => this.redis.del(`${this.prefix}token:${hash}`));
  }

  async append(id: string, activity: string, budget: ConversationBudget): Promise<number | AppendRefusal> {
    const index = Number(
      await storeCall('directLine.append', () =>
        this.redis.eval(
          APPEND,
          2,
          this.conversationKey(id),
          this.logKey(id),
          this.box.seal(activity),
          String(budget.maxActivities),
          String(Buffer.byteLength(activity)),
          String(budget.maxBytes),
        ),
      ),
    );
    if (index === -1) return 'missing';
    if (index === -2) return 'conversation-full';
    return index;
  }

  async since(id: string, from: number): Promise<{ activities: string[]; length: number }> {
    const [sealed, length] = await storeCall('directLine.since', async () => {
      const replies = await this.redis.multi().lrange(this.logKey(id), from, -1).llen(this.logKey(id)).exec();
      return [(replies?.[0]?.[1] ?? []) as string[], Number(replies?.[1]?.[1] ?? 0)] as const;
    });
    const activities = sealed.map((item) => this.box.open(item)).filter((item) => item !== undefined);
    return { activities, length };
  }

  private conversationKey(id: string): string {
    return `${this.prefix}conv:${id}`;
  }

  private logKey(id: string): string {
    return `${this.prefix}log:${id}`;
  }
}
