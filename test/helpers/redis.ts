import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { connectRedis, createRedisClient } from '../../src/state/redisClient';
import { freePort } from './ports';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * A real redis-server for one test file, on a free loopback port with its data in a temp dir. Data is
 * appended to disk on every write, so stop() and start() again behave like a Redis outage that loses
 * nothing committed. A missing redis-server fails the test: it is never skipped.
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'bot-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    if (!existsSync(REDIS_SERVER)) {
      throw new Error(`redis-server not found at ${REDIS_SERVER}: install it (apt-get install redis-server)`);
    }
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, after stop()) the server on the same port and data directory. */
  async start(): Promise<void> {
    const child = spawn(
      REDIS_SERVER,
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        ...['--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--loglevel', 'notice'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  }

  /** Stops the server (it flushes its append-only file first, as a clean shutdown does). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A redis-server and a connected client for one test file: started before its tests, stopped after.
 * The accessors are valid inside tests and hooks.
 */
export function redisForTests(): { server: () => RedisServer; client: () => Redis } {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await RedisServer.start();
    client = createRedisClient(server.url);
    if (!(await connectRedis(client))) throw new Error(`cannot connect to ${server.url}`);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('redis-server is not started (use the accessors inside tests and hooks)');
    return value;
  };
  return { server: () => started(server), client: () => started(client) };
}
