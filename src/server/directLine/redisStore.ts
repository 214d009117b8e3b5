import type { Redis } from 'ioredis';
import type { SecretBox } from '../../security/secretBox';
import { storeCall } from '../../state/storeUnavailable';
import {
  DEFAULT_CLIENT_SHARE,
  type AppendRefusal,
  type ClientShare,
  type ConversationBudget,
  type DirectLineStore,
  type StoredConversation,
} from './store';

// A client's conversations are a sorted set (score: last use), `<prefix>client:<owner>`, living as long as
// its most recently used conversation. Conversations that expired on their own are dropped from it when read.
const CLIENT_SHARE = `
local function live_members(prefix, share)
  local members = redis.call('ZRANGE', share, 0, -1)
  local live = {}
  for _, id in ipairs(members) do
    if redis.call('EXISTS', prefix .. 'conv:' .. id) == 1 then
      live[#live + 1] = id
    else
      redis.call('ZREM', share, id)
    end
  end
  return live
end`;

// Beyond the client's number of conversations its least recently used one is forgotten (log included),
// as in memory: one client's many conversations cannot push out everybody else's.
const CREATE = `${CLIENT_SHARE}
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'started', ARGV[2], 'bytes', '0', 'owner', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[5] == '' then return 1 end
local share = ARGV[7] .. 'client:' .. ARGV[5]
redis.call('ZADD', share, ARGV[4], ARGV[8])
local live = live_members(ARGV[7], share)
local excess = #live - tonumber(ARGV[6])
if excess > 0 then
  local popped = redis.call('ZPOPMIN', share, excess)
  for i = 1, #popped, 2 do
    redis.call('DEL', ARGV[7] .. 'conv:' .. popped[i], ARGV[7] .. 'log:' .. popped[i])
  end
end
if redis.call('PTTL', share) < tonumber(ARGV[3]) then redis.call('PEXPIRE', share, ARGV[3]) end
return 1`;

// Checks the budgets and appends in one step, so instances posting at once cannot squeeze past them; the
// log expires with its conversation. -3: the client holds its share of bytes in its live conversations.
const APPEND = `${CLIENT_SHARE}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local length = redis.call('LLEN', KEYS[2])
local bytes = tonumber(redis.call('HGET', KEYS[1], 'bytes') or '0')
if length >= tonumber(ARGV[2]) or bytes + tonumber(ARGV[3]) > tonumber(ARGV[4]) then return -2 end
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= '' then
  local held = 0
  for _, id in ipairs(live_members(ARGV[6], ARGV[6] .. 'client:' .. owner)) do
    held = held + tonumber(redis.call('HGET', ARGV[6] .. 'conv:' .. id, 'bytes') or '0')
  end
  if held + tonumber(ARGV[3]) > tonumber(ARGV[5]) then return -3 end
end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HINCRBY', KEYS[1], 'bytes', ARGV[3])
redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
return length`;

// A use moves the conversation to the most recently used end of its client's share.
const USED = `
local function used(ttl, now, prefix, id)
  redis.call('PEXPIRE', KEYS[1], ttl)
  if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ttl) end
  local owner = redis.call('HGET', KEYS[1], 'owner')
  if owner and owner ~= '' then
    local share = prefix .. 'client:' .. owner
    redis.call('ZADD', share, 'XX', now, id)
    if redis.call('PTTL', share) < tonumber(ttl) then redis.call('PEXPIRE', share, ttl) end
  end
end`;

const START = `${USED}
if redis.call('HGET', KEYS[1], 'started') ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'started', '1')
used(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1`;

const TOUCH = `${USED}
if redis.call('HGET', KEYS[1], 'started') ~= '1' then return 0 end
used(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1`;

/**
 * The local Direct Line in Redis, shared by every instance behind a load balancer (no sticky sessions):
 * keys `bot:dl:token:<keyed hash of the token>`, `bot:dl:conv:<id>` (a hash) and `bot:dl:log:<id>` (a list
 * of activities sealed with STATE_SECRET: what users type may hold contract numbers and codes). Each
 * expires with its conversation. Every client (keyed hash of its address) holds at most its share, across
 * all instances (`<prefix>client:<owner>`, see CREATE and APPEND); the total size is Redis's own `maxmemory`.
 * The scripts name keys they derive from the share (one Redis, not a cluster).
 */
export class RedisDirectLineStore implements DirectLineStore {
  constructor(
    private readonly redis: Redis,
    private readonly box: SecretBox,
    private readonly share: ClientShare = DEFAULT_CLIENT_SHARE,
    private readonly prefix = 'bot:dl:',
    private readonly now: () => number = Date.now,
  ) {}

  async create(conversation: StoredConversation, ttlMs: number): Promise<boolean> {
    await storeCall('directLine.create', () =>
      this.redis.eval(
        CREATE,
        1,
        this.conversationKey(conversation.id),
        conversation.userId,
        conversation.started ? '1' : '0',
        String(ttlMs),
        String(this.now()),
        conversation.owner ?? '',
        String(this.share.maxClientConversations),
        this.prefix,
        conversation.id,
      ),
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
      this.redis.eval(START, 2, this.conversationKey(id), this.logKey(id), ...this.usedArgs(id, ttlMs)),
    );
    return Number(started) === 1;
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    await storeCall('directLine.touch', () =>
      this.redis.eval(TOUCH, 2, this.conversationKey(id), this.logKey(id), ...this.usedArgs(id, ttlMs)),
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
          String(this.share.maxClientBytes),
          this.prefix,
        ),
      ),
    );
    if (index === -1) return 'missing';
    if (index === -2) return 'conversation-full';
    if (index === -3) return 'client-full';
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

  private usedArgs(id: string, ttlMs: number): string[] {
    return [String(ttlMs), String(this.now()), this.prefix, id];
  }

  private conversationKey(id: string): string {
    return `${this.prefix}conv:${id}`;
  }

  private logKey(id: string): string {
    return `${this.prefix}log:${id}`;
  }
}
