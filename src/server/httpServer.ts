import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify from 'restify';
import type { DownloadLinks } from './downloadLinks';

export interface HttpServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  downloads: DownloadLinks;
  /** Largest accepted request body in bytes. */
  maxBodySize?: number;
}

/** The bot's HTTP face: the Bot Framework messaging endpoint, document downloads and a health check. */
export function createHttpServer({
  adapter,
  bot,
  downloads,
  maxBodySize = 256 * 1024,
}: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name: 'portal-help-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  // A tax certificate behind its short-lived link: never cached, offered as a file to open or save.
  server.get('/downloads/:token', async (req, res) => {
    const document = await downloads.find(String(req.params.token));
    if (!document) {
      res.send(404, { error: 'This link has expired or does not exist.' });
      return;
    }
    const fileName = encodeURIComponent(document.fileName);
    res.writeHead(200, {
      'Content-Type': document.contentType,
      'Content-Length': document.content.length,
      'Content-Disposition': `inline; filename*=UTF-8''${fileName}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(document.content);
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  return server;
}
