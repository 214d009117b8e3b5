import { createApplication } from './app';
import { routeConsoleToLogger } from './observability/libraryLogs';
import { listenHost, loadConfig } from './config';
import { createAdapter } from './server/adapter';
import { createChannelAuth } from './server/channelAuth';
import { createHttpServer } from './server/httpServer';
import { guardProcess } from './server/processGuard';
import { createShutdown } from './server/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const app = await createApplication(config, { sandboxLog: log, serving: true });
  guardProcess(app.logger);
  routeConsoleToLogger(app.logger);
  const adapter = createAdapter(config, app.services.translator, app.logger);
  const server = createHttpServer({
    adapter,
    bot: app.bot,
    downloads: app.downloads,
    translator: app.services.translator,
    widget: { config, log, directLine: app.localDirectLine },
    operations: {
      metrics: app.metrics,
      readiness: app.readiness,
      metricsToken: config.METRICS_TOKEN,
      trustedProxies: config.TRUST_PROXY,
    },
    channelAuth: createChannelAuth(config, app.logger),
    trustedProxies: config.TRUST_PROXY,
    localChannels: config.LOCAL_CHANNEL_URLS,
    logger: app.logger,
  });
  const shutdown = createShutdown({
    server: server.server,
    readiness: app.readiness,
    closeApplication: () => app.close(),
    logger: app.logger,
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown().then((clean) => process.exit(clean ? 0 : 1)));
  }
  const host = listenHost(config);
  // A port another program (often a second `npm start`) holds: say so and stop, rather than run without listening.
  server.once('error', (error: Error) => {
    console.error(portProblem(error, 'PORT'));
    process.exit(1);
  });
  server.listen(config.PORT, host, () => {
    console.log(`Bot listening on http://${host}:${config.PORT}/api/messages (backend: ${app.backendUrl})`);
    const demo = `${config.PUBLIC_URL ?? `http://localhost:${config.PORT}`}/`;
    console.log(`Website widget demo: ${demo} (in French ${demo}?lang=fr, in Italian ${demo}?lang=it)`);
    if (!config.BACKEND_URL) {
      console.log(
        // No contract number here, not even a demo one: the log rule (and its attack check) has no exceptions.
        'Try the four demo customers listed in docs/demo-customers.md; the codes the sandbox "sends" them ' +
          'appear below as [sandbox] [outbox] lines.',
      );
    }
  });
}

/** A listening error as one line that names the setting to change when the port is taken. */
function portProblem(error: Error, setting: string): string {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    ? `${error.message}: another program uses this port (a second npm start?). Stop it or set ${setting} to a free port.`
    : error.message;
}

main().catch((error: Error) => {
  // Invalid configuration or content (or the sandbox's port taken): say exactly what is wrong and do not start.
  console.error(portProblem(error, 'SANDBOX_PORT'));
  process.exit(1);
});
