import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './conversationLoad';

const ROOT = path.resolve(__dirname, '..');

/**
 * The bot as `npm start` runs it (src/index.ts through tsx, so no build is needed), in a process of its
 * own on a free loopback port, with the sandbox backend and its insights in a temp dir.
 */
export class BotProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(env: Record<string, string> = {}): Promise<BotProcess> {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'bot-process-'));
    // Node itself with tsx's loader (not the tsx CLI, which stands between the process and its signals).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        SANDBOX_PORT: '0',
        LOG_LEVEL: 'warn',
        INSIGHTS_FILE: path.join(dir, 'insights.jsonl'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new BotProcess(`http://127.0.0.1:${port}`, child, dir);
    await server.waitForOutput('Bot listening', 60_000);
    return server;
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  get insightsFile(): string {
    return path.join(this.dir, 'insights.jsonl');
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (!this.alive) throw new Error(`the server exited; output:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`no "${text}" within ${timeoutMs} ms; output:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal` and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.alive) this.child.kill(signal);
    const code = await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
    return code;
  }
}
