import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { HelpBot } from '../../src/bot/helpBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';
import { RecentlyUsed, ReusedClientsAuthentication } from '../../src/server/reusedClients';
import { createActionServices, createBotServices } from '../../src/services';
import { offlineActionDependencies } from '../helpers/backendDown';
import { FakeChannel } from '../helpers/http';

const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'test', serviceUrl, conversation: { id: 'c' } }) as Activity;

describe('connector clients (local mode, no MicrosoftAppId)', () => {
  test('each service URL gets one client, which later turns reuse', async () => {
    const auth = new ReusedClientsAuthentication({});
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const client = await first.connectorFactory!.create('http://127.0.0.1:1', first.audience);

    expect(await second.connectorFactory!.create('http://127.0.0.1:1', second.audience)).toBe(client);
    expect(
      await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:1', first.audience),
    ).toBe(client);
    const elsewhere = await second.connectorFactory!.create('http://127.0.0.1:2', second.audience);
    expect(elsewhere).not.toBe(client);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(
      await auth.createUserTokenClient(second.claimsIdentity),
    );
  });
});

describe('replies through reused clients', () => {
  const channels = [new FakeChannel(), new FakeChannel()];
  const channelUrls: string[] = [];
  let server: restify.Server;
  let botUrl: string;

  beforeAll(async () => {
    const config = loadConfig({});
    const offline = offlineActionDependencies();
    const services = createBotServices(config, createActionServices(config, offline));
    const bot = new HelpBot(services, new ConversationState(new MemoryStorage()));
    const adapter = createAdapter(config, services.translator, createLogger({ level: 'silent' }));
    for (const channel of channels) channelUrls.push(await channel.start());
    server = createHttpServer({
      adapter,
      bot,
      downloads: offline.links,
      translator: services.translator,
      localChannels: channelUrls,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const channel of channels) await channel.close();
  });

  const ask = async (serviceUrl: string, conversation: string) => {
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${conversation}-activity`,
        channelId: 'test',
        serviceUrl,
        conversation: { id: conversation },
        from: { id: `user-${conversation}`, name: 'User' },
        recipient: { id: 'bot-1', name: 'Bot' },
        locale: 'de-CH',
        text: 'Wie hoch ist der Online-Rabatt?',
      }),
    });
    expect(response.status).toBeLessThan(300);
  };

  const conversationsAt = (channel: FakeChannel) =>
    new Set(channel.received.map((r) => /^\/v3\/conversations\/([^/]+)\//.exec(r.path)?.[1]));

  test('every turn answers at the serviceUrl of its own activity', async () => {
    await ask(channelUrls[0]!, 'first-1');
    await ask(channelUrls[1]!, 'second-1');
    await ask(channelUrls[0]!, 'first-2');
    await ask(channelUrls[1]!, 'second-2');

    expect(conversationsAt(channels[0]!)).toEqual(new Set(['first-1', 'first-2']));
    expect(conversationsAt(channels[1]!)).toEqual(new Set(['second-1', 'second-2']));
    const answers = channels.flatMap((c) => c.received).filter((r) => JSON.stringify(r.body).includes('5%'));
    expect(answers).toHaveLength(4);
  });
});

describe('the cache of clients', () => {
  test('keeps at most its maximum, the least recently used going first', async () => {
    const cache = new RecentlyUsed<string>(2, 3_600_000);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // reused, now the most recent
    await cache.get('c', async () => 'c1');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });

  test('drops a client unused for an hour', async () => {
    let now = 0;
    const cache = new RecentlyUsed<string>(64, 3_600_000, () => now);
    await cache.get('old', async () => 'old1');
    now = 1_800_000;
    await cache.get('busy', async () => 'busy1');
    now = 3_600_000;
    await cache.get('busy', async () => 'busy2');
    expect(cache.size).toBe(1);
    expect(await cache.get('old', async () => 'old2')).toBe('old2');
    expect(await cache.get('busy', async () => 'busy3')).toBe('busy1');
  });

  test('does not keep a client whose making failed', async () => {
    const cache = new RecentlyUsed<string>(64, 3_600_000);
    await expect(cache.get('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('x', async () => 'x1')).toBe('x1');
  });
});
