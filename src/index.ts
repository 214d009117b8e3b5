import { createApplication } from './app';
import { loadConfig } from './config';
import { createAdapter } from './server/adapter';
import { createHttpServer } from './server/httpServer';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const app = await createApplication(config, { log });
  const adapter = createAdapter(config, app.services.translator, (message) => console.error(message));
  const server = createHttpServer({ adapter, bot: app.bot, downloads: app.downloads });
  server.listen(config.PORT, () => {
    console.log(`Bot listening on http://localhost:${config.PORT}/api/messages (backend: ${app.backendUrl})`);
  });
}

main().catch((error: Error) => {
  // Invalid configuration or content: say exactly what is wrong and do not start.
  console.error(error.message);
  process.exit(1);
});
