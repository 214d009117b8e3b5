import type { Config } from '../config';
import type { Translator } from '../i18n/translator';
import { colorIcon, outlineIcon } from './icons';
import { ACCENT_COLOR, buildManifest } from './manifest';
import { zip, type ZipEntry } from './zip';

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** The files of the Teams app package: manifest.json, language files and the two icons. */
export function teamsPackageEntries(config: Config, translator: Translator): ZipEntry[] {
  const { manifest, languageFiles } = buildManifest(config, translator);
  return [
    { name: 'manifest.json', content: json(manifest) },
    ...Object.entries(languageFiles).map(([name, strings]) => ({ name, content: json(strings) })),
    { name: 'color.png', content: colorIcon(ACCENT_COLOR) },
    { name: 'outline.png', content: outlineIcon() },
  ];
}

/** The package as a zip, ready to upload to Teams. */
export function buildTeamsPackage(config: Config, translator: Translator): Buffer {
  return zip(teamsPackageEntries(config, translator));
}
