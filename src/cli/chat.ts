import { createApplication } from '../app';
import { loadConfig } from '../config';
import { parseArgs, runCli } from './args';
import { ConsoleAdapter } from './consoleAdapter';
import { documentSaver } from './savedDocuments';
import { renderMarkdown } from './terminalMarkdown';

/** npm run chat [-- --lang fr] [--faq DIR]: talk to the bot in the terminal, with the same logic as on the web. */
runCli(async (argv) => {
  // Port 0: a sandbox of its own, even while `npm start` runs one on the default port.
  const environment = { SANDBOX_PORT: '0', ...process.env };
  const args = parseArgs(argv, loadConfig(environment));
  const config = loadConfig({ ...environment, FAQ_DIR: args.faqDir });
  const app = await createApplication(config, { sandboxLog: (line) => console.log(`\n${line}`) });
  const lang = args.lang ?? config.DEFAULT_LANGUAGE;
  console.log(`(Type your question; a number presses a button; Ctrl+D ends.)`);
  // Nothing serves the download links here: a document is saved to a file and its path shown instead.
  const save = documentSaver(app.downloads);
  const render = (markdown: string) => renderMarkdown(markdown, process.stdout.isTTY === true);
  await new ConsoleAdapter(`${lang}-CH`, { render, save }).listen((context) => app.bot.run(context));
  await app.close();
  return 0;
});
