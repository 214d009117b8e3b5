import { ConversationState, MemoryStorage } from 'botbuilder';
import { HelpBot } from '../bot/helpBot';
import { loadConfig } from '../config';
import { createBotServices } from '../services';
import { parseArgs, runCli } from './args';
import { ConsoleAdapter } from './consoleAdapter';

/** npm run chat [-- --lang fr] [--faq DIR]: talk to the bot in the terminal, with the same logic as on the web. */
runCli(async (argv) => {
  const args = parseArgs(argv);
  const config = loadConfig({ ...process.env, FAQ_DIR: args.faqDir });
  const bot = new HelpBot(createBotServices(config), new ConversationState(new MemoryStorage()));
  const lang = args.lang ?? config.DEFAULT_LANGUAGE;
  console.log(`(Type your question; a number presses a button; Ctrl+D ends.)`);
  await new ConsoleAdapter(`${lang}-CH`).listen((context) => bot.run(context));
  return 0;
});
