import { setTimeout as sleep } from 'node:timers/promises';
import { ConversationLock } from '../../src/state/conversationLock';
import { RedisExpiringStore } from '../../src/state/redisExpiringStore';
import { StoreUnavailableError } from '../../src/state/storeUnavailable';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();

describe('the turn lock in Redis', () => {
  test('a turn cut off by a Redis outage leaves no lock that turns the next message away', async () => {
    const lock = new ConversationLock(new RedisExpiringStore(redis.client()));
    // The turn took the lock, then Redis went away: its save and the lock's release both fail.
    const cutOff = lock.run('directline/c1', async () => {
      await redis.server().stop();
      throw new StoreUnavailableError('state write', new Error('connection lost'));
    });
    await expect(cutOff).rejects.toThrow(StoreUnavailableError);
    await redis.server().start();
    await waitFor(
      async () =>
        (await redis
          .client()
          .ping()
          .catch(() => undefined)) === 'PONG',
    );

    // The user's next message, as soon as Redis is back: answered, not "temporarily unavailable".
    await expect(lock.run('directline/c1', async () => 'answered')).resolves.toBe('answered');
  }, 30_000);

  test('a turn longer than the lease keeps its lock: the next turn of the conversation waits for it', async () => {
    const lock = new ConversationLock(new RedisExpiringStore(redis.client()), { holdMs: 300 });
    const order: string[] = [];
    const slow = lock.run('directline/c2', async () => {
      await sleep(1000);
      order.push('slow');
    });
    await sleep(50);
    await lock.run('directline/c2', async () => void order.push('next'));
    await slow;
    expect(order).toEqual(['slow', 'next']);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}
