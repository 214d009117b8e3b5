import { TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { ExpiringMemoryStorage } from '../../src/bot/storage/expiringMemoryStorage';
import { OptimisticConversationState } from '../../src/bot/storage/optimisticConversationState';
import { RedisStorage } from '../../src/bot/storage/redisStorage';
import { redisForTests } from '../helpers/redis';

const redis = redisForTests();

/** A turn of conversation `id`, as an instance would run it. */
function turnOf(adapter: TestAdapter, id: string): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'test',
    conversation: { id, isGroup: false, conversationType: '', name: '' },
    from: { id: 'user', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
  });
}

describe.each([
  ['ExpiringMemoryStorage', (): Storage => new ExpiringMemoryStorage({ ttlMs: 60_000, maxItems: 1000 })],
  ['RedisStorage', (): Storage => new RedisStorage(redis.client(), 60_000)],
])('OptimisticConversationState on %s', (_name, createStorage) => {
  test('a turn saving over a newer save is rejected; the newer state stays', async () => {
    const state = new OptimisticConversationState(createStorage());
    const data = state.createProperty<{ steps: string[] }>('data');
    const adapter = new TestAdapter(async () => undefined);
    const id = `conv-${Math.random()}`;

    const setup = turnOf(adapter, id);
    await data.set(setup, { steps: ['start'] });
    await state.saveChanges(setup);

    // Two turns read the same state; the faster one saves first.
    const [slow, fast] = [turnOf(adapter, id), turnOf(adapter, id)];
    (await data.get(slow, { steps: [] })).steps.push('slow');
    (await data.get(fast, { steps: [] })).steps.push('fast');
    await state.saveChanges(fast);
    await expect(state.saveChanges(slow)).rejects.toThrow(/eTag conflict/);

    const after = turnOf(adapter, id);
    expect((await data.get(after))?.steps).toEqual(['start', 'fast']);
    // A turn that read the latest state saves normally, twice in a row too.
    (await data.get(after))!.steps.push('next');
    await state.saveChanges(after);
    expect((await data.get(turnOf(adapter, id)))?.steps).toEqual(['start', 'fast', 'next']);
  });
});
