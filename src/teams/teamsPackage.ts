import { zipSync } from 'fflate';
import type { Config } from '../config';
import type { Translator } from '../i18n/translator';
import { readIcons } from './icons';
import { buildManifest } from './manifest';

const json = (value: unknown) => new Uint8Array(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'));

/** A fixed local date for every file (zip stores local time) keeps the package byte-for-byte reproducible. */
const FILE_DATE = new Date(2000, 0, 1);

/** The files of the Teams app package: manifest.json, language files and the two icons. */
export function teamsPackageFiles(config: Config, translator: Translator): Record<string, Uint8Array> {
  const { manifest, languageFiles } = buildManifest(config, translator);
  const icons = readIcons(config.TEAMS_ICONS_DIR);
  return {
    'manifest.json': json(manifest),
    ...Object.fromEntries(Object.entries(languageFiles).map(([name, strings]) => [name, json(strings)])),
    'color.png': new Uint8Array(icons['color.png']),
    'outline.png': new Uint8Array(icons['outline.png']),
  };
}

/** The package as a zip (deflated entries, no folders), ready to upload to Teams. */
export function buildTeamsPackage(config: Config, translator: Translator): Buffer {
  return Buffer.from(zipSync(teamsPackageFiles(config, translator), { level: 9, mtime: FILE_DATE }));
}
