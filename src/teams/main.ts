import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { loadTranslator } from '../i18n/translator';
import { buildTeamsPackage } from './teamsPackage';

/** `npm run teams:package [-- OUT.zip]`: the Teams app package from the configuration (environment). */
function main(): void {
  const out = path.resolve(process.argv[2] ?? path.join('artifacts', 'teams', 'portal-help-bot.zip'));
  const config = loadConfig();
  const content = buildTeamsPackage(config, loadTranslator(config.LOCALES_DIR));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, content);
  console.log(
    `Teams app package: ${out} (${content.length} bytes). Upload it in Teams: Apps → Manage your apps → Upload an app.`,
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
