import { randomUUID } from 'node:crypto';
import type { ContractNumber } from '../../src/security/contractNumber';
import { MemoryExpiringStore, type ExpiringStore } from '../../src/security/expiringStore';
import { SecretBox } from '../../src/security/secretBox';
import { SupportRequestLimits } from '../../src/security/supportRequestLimits';
import { RedisExpiringStore } from '../../src/state/redisExpiringStore';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();
const box = new SecretBox('shared-state-secret');

/**
 * Two bot instances behind a load balancer: the support request limits hold whichever instance a request
 * reaches, because they are counted in the shared store (Redis), as the code budgets are.
 */
describe.each([
  ['one instance, in memory', () => new MemoryExpiringStore()],
  ['two instances, one Redis', (): ExpiringStore => new RedisExpiringStore(redis.client())],
])('support request limits, %s', (_name, createStore) => {
  let first: SupportRequestLimits;
  let second: SupportRequestLimits;
  beforeEach(() => {
    const store = createStore();
    first = new SupportRequestLimits(store, box);
    // Redis: a second client, as another instance has; memory: the same store (one instance).
    second = new SupportRequestLimits(store instanceof MemoryExpiringStore ? store : createStore(), box);
  });

  test('one request per conversation in 10 minutes, told with how long to wait', async () => {
    const conversation = randomUUID();
    expect(await first.wait(conversation)).toBeUndefined();
    expect(await first.take(conversation)).toBeUndefined();

    const refused = await second.wait(conversation);
    expect(refused?.reason).toBe('conversation');
    expect(refused!.waitMs).toBeGreaterThan(9 * 60_000);
    expect(await second.take(conversation)).toMatchObject({ reason: 'conversation' });
    expect(await first.wait(randomUUID())).toBeUndefined();
  });

  test('3 requests per contract number in 24 hours, across conversations and instances', async () => {
    const contract = `KPT${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` as ContractNumber;
    for (const limits of [first, second, first])
      expect(await limits.take(randomUUID(), contract)).toBeUndefined();

    const refused = await second.wait(randomUUID(), contract);
    expect(refused?.reason).toBe('contract');
    expect(refused!.waitMs).toBeGreaterThan(23 * 60 * 60_000);
    expect(await first.take(randomUUID(), contract)).toMatchObject({ reason: 'contract' });
    // Unverified requests are limited per conversation only.
    expect(await first.take(randomUUID())).toBeUndefined();
  });
});
