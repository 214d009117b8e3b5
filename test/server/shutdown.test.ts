import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApplication } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';
import { createShutdown } from '../../src/server/shutdown';
import { FakeChannel, listen } from '../helpers/http';
import { captureLogs } from '../helpers/logs';
import { freePort } from '../helpers/ports';
import { RedisServer } from '../helpers/redis';

const ROOT = path.resolve(__dirname, '../..');

/** Conversation storage whose reads take a while: every turn is slow, and the test knows when one started. */
class SlowStorage implements Storage {
  private readonly inner = new MemoryStorage();
  turnStarted!: () => void;
  readonly started = new Promise<void>((resolve) => (this.turnStarted = resolve));

  async read(keys: string[]): Promise<StoreItems> {
    this.turnStarted();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

test('SIGTERM during a slow turn: no new requests, the turn finishes and answers, then Redis is closed', async () => {
  const redis = await RedisServer.start();
  const channel = new FakeChannel();
  const channelUrl = await channel.start();
  const storage = new SlowStorage();
  const logs = captureLogs();
  const config = loadConfig({
    SANDBOX_PORT: '0',
    REDIS_URL: redis.url,
    STATE_SECRET: 'a-shared-secret-of-at-least-32-characters',
  });
  const app = await createApplication(config, { sandboxLog: () => undefined, logger: logs.logger, storage });
  const server = createHttpServer({
    adapter: createAdapter(config, app.services.translator, app.logger),
    bot: app.bot,
    downloads: app.downloads,
    translator: app.services.translator,
    localChannels: [channelUrl],
  });
  const url = `${await listen(server.server)}/api/messages`;
  const shutdown = createShutdown({
    server: server.server,
    readiness: app.readiness,
    closeApplication: () => app.close(),
    logger: app.logger,
  });

  try {
    const message = (id: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'test',
        serviceUrl: channelUrl,
        conversation: { id },
        from: { id: 'user' },
        recipient: { id: 'bot' },
        locale: 'de-CH',
        text: 'Wie hoch ist der Online-Rabatt?',
      }),
    });
    const inFlight = fetch(url, message('slow-turn'));
    await storage.started;

    const stopping = shutdown();
    expect((await app.readiness.report()).ready).toBe(false);
    await expect(fetch(url, message('too-late'))).rejects.toThrow();

    // The turn in progress still completes and its reply reaches the user.
    expect((await inFlight).status).toBe(200);
    const reply = await channel.waitFor((r) => r.path.includes('/conversations/slow-turn/'));
    expect(reply.body).toMatchObject({ text: expect.stringContaining('5%') });
    expect(await stopping).toBe(true);

    // Redis was closed: the shared store no longer answers.
    await expect(app.downloads.find('A'.repeat(43))).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(channel.received.some((r) => r.path.includes('too-late'))).toBe(false);
    expect(logs.entries().map((e) => e.msg)).toEqual(
      expect.arrayContaining(['shutting down: finishing the turns in progress', 'shut down cleanly']),
    );
  } finally {
    await channel.close();
    await redis.dispose();
  }
});

test('the server process: SIGTERM during a slow backend call answers that turn, then exits 0', async () => {
  const redis = await RedisServer.start();
  const channel = new FakeChannel();
  const channelUrl = await channel.start();
  // A backend that takes its time: the turn that calls it is in progress when SIGTERM arrives.
  let backendCalled!: () => void;
  const backendCall = new Promise<void>((resolve) => (backendCalled = resolve));
  const backend = createServer((req, res) => {
    req.resume();
    backendCalled();
    // Not chained: restify, loaded in this process, patches writeHead to return nothing.
    setTimeout(() => {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
    }, 1500);
  });
  const backendUrl = await listen(backend);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bot-shutdown-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      BACKEND_URL: backendUrl,
      BACKEND_API_KEY: 'key',
      REDIS_URL: redis.url,
      STATE_SECRET: 'a-shared-secret-of-at-least-32-characters',
      INSIGHTS_FILE: path.join(dir, 'insights.jsonl'),
      LOCAL_CHANNEL_URLS: channelUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    await waitFor(
      () => output.includes('Bot listening'),
      30_000,
      () => output,
    );
    const url = `http://127.0.0.1:${port}/api/messages`;
    const say = (text: string, id: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id,
          channelId: 'test',
          serviceUrl: channelUrl,
          conversation: { id: 'process' },
          from: { id: 'user' },
          recipient: { id: 'bot' },
          locale: 'de-CH',
          text,
        }),
      });
    expect((await say('Schicken Sie mir einen Code', 'm1')).status).toBe(200);
    expect((await say('KPT10000001', 'm2')).status).toBe(200);
    const slow = say('SMS', 'm3');
    await backendCall;
    child.kill('SIGTERM');

    expect((await slow).status).toBe(200);
    expect(channel.received.some((r) => r.path.endsWith('/activities/m3'))).toBe(true);
    expect(await exited).toBe(0);
    expect(output).toContain('shut down cleanly');
  } finally {
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => backend.close(() => resolve()));
    await channel.close();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('the server process: a port another program holds is named with the setting to change, and it exits 1', async () => {
  const taken = createServer();
  const port = Number(new URL(await listen(taken)).port);
  const dir = mkdtempSync(path.join(tmpdir(), 'bot-port-'));
  try {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        SANDBOX_PORT: '0',
        INSIGHTS_FILE: path.join(dir, 'insights.jsonl'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(code).toBe(1);
    expect(output).toContain(`${port}: another program uses this port`);
    expect(output).toContain('set PORT to a free port');
    expect(output).not.toContain('Bot listening');
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
