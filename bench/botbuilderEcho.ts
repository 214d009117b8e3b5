import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import { jsonBodyReader } from '../src/server/requestBody';

/**
 * A plain BotBuilder echo bot, as the samples write it: restify, CloudAdapter (local mode, no credentials) and an
 * ActivityHandler that replies once with the text. The body parser is the bot server's, as in the restify echo.
 * What Bot Framework itself costs per turn; the bot's share of its turns/s is what our own turn costs on top.
 * npx tsx bench/botbuilderEcho.ts PORT
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text);
      await next();
    });
  }
}

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions),
);
const bot = new EchoBot();
const server = restify.createServer({ name: 'botbuilder-echo' });
server.use(jsonBodyReader());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.argv[2]), '127.0.0.1');
// A normal exit on SIGTERM, so that node --cpu-prof writes its profile (npm run profile -- --server echo-bot).
process.once('SIGTERM', () => server.close(() => process.exit(0)));
