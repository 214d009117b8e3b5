import { ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import { BackendClient } from './backend';
import { HelpBot } from './bot/helpBot';
import type { Config } from './config';
import type { BotServices } from './dialogs/services';
import { startSandbox, SANDBOX_API_KEY } from './sandbox/server';
import { MemoryExpiringStore, type ExpiringStore } from './security/expiringStore';
import { DownloadLinks } from './server/downloadLinks';
import { createActionServices, createBotServices } from './services';

export interface Application {
  services: BotServices;
  bot: HelpBot;
  downloads: DownloadLinks;
  /** Where the backend is: the configured one, or the sandbox started beside the bot. */
  backendUrl: string;
  close(): Promise<void>;
}

export interface ApplicationOptions {
  log: (line: string) => void;
  storage?: Storage;
  store?: ExpiringStore;
  now?: () => number;
}

/**
 * Wires the bot: content, UI strings, the backend (the sandbox when none is configured), storage and
 * download links. Used by the server, the terminal chat and the tests alike.
 */
export async function createApplication(config: Config, options: ApplicationOptions): Promise<Application> {
  const store = options.store ?? new MemoryExpiringStore();
  const sandbox = config.BACKEND_URL
    ? undefined
    : await startSandbox({ port: config.SANDBOX_PORT, log: (line) => options.log(`[sandbox] ${line}`) });
  const backendUrl = config.BACKEND_URL ?? sandbox!.url;
  const backend = new BackendClient({
    baseUrl: backendUrl,
    apiKey: config.BACKEND_API_KEY ?? SANDBOX_API_KEY,
    timeoutMs: config.BACKEND_TIMEOUT_MS,
    maxRetries: config.BACKEND_MAX_RETRIES,
  });
  const downloads = new DownloadLinks(
    store,
    config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    config.DOWNLOAD_LINK_MINUTES,
  );
  const actions = createActionServices(config, { backend, store, links: downloads, now: options.now });
  const services = createBotServices(config, actions);
  const bot = new HelpBot(services, new ConversationState(options.storage ?? new MemoryStorage()));
  return { services, bot, downloads, backendUrl, close: async () => sandbox?.close() };
}
