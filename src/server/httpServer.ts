import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify from 'restify';

export interface HttpServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** Largest accepted request body in bytes. */
  maxBodySize?: number;
}

/** The bot's HTTP face: the Bot Framework messaging endpoint and a health check. */
export function createHttpServer({
  adapter,
  bot,
  maxBodySize = 256 * 1024,
}: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name: 'portal-help-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  return server;
}
