import { createServer } from 'node:net';
import type restify from 'restify';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';

/** A free TCP port on the loopback interface (download links need the port before the server starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The bot server as `npm start` runs it — widget, local Direct Line, sandbox backend — on free ports, with
 * every log line captured (the sandbox's outbox is where one-time codes appear).
 */
export class BotServer {
  private constructor(
    readonly url: string,
    readonly log: string[],
    private readonly app: Application,
    private readonly server: restify.Server,
  ) {}

  static async start(): Promise<BotServer> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = loadConfig({ PORT: String(port), SANDBOX_PORT: '0', PUBLIC_URL: url });
    const log: string[] = [];
    const sink = (line: string) => log.push(line);
    const app = await createApplication(config, {
      sandboxLog: sink,
      logger: createLogger({ level: 'warn', sink }),
    });
    const adapter = createAdapter(config, app.services.translator, app.logger);
    const server = createHttpServer({
      adapter,
      bot: app.bot,
      downloads: app.downloads,
      translator: app.services.translator,
      widget: { config, log: sink },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    return new BotServer(url, log, app, server);
  }

  /** The last identity code the sandbox "sent" to this contract number. */
  lastIdentityCode(contract: string): string {
    const line = [...this.log].reverse().find((l) => l.includes('[outbox]') && l.includes(`(${contract})`));
    const code = line?.match(/identity code (\d{6})/)?.[1];
    if (!code) throw new Error(`no identity code was sent to ${contract}; log:\n${this.log.join('\n')}`);
    return code;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.app.close();
  }
}
