import { ConversationState, MemoryStorage } from 'botbuilder';
import { HelpBot } from './bot/helpBot';
import { loadConfig } from './config';
import { createAdapter } from './server/adapter';
import { createHttpServer } from './server/httpServer';
import { createBotServices } from './services';

function main(): void {
  const config = loadConfig();
  const services = createBotServices(config);
  const conversationState = new ConversationState(new MemoryStorage());
  const bot = new HelpBot(services, conversationState);
  const adapter = createAdapter(config, services.translator, (message) => console.error(message));
  const server = createHttpServer({ adapter, bot });
  server.listen(config.PORT, () => {
    console.log(`Bot listening on http://localhost:${config.PORT}/api/messages`);
  });
}

try {
  main();
} catch (error) {
  // Invalid configuration or content: say exactly what is wrong and do not start.
  console.error((error as Error).message);
  process.exit(1);
}
