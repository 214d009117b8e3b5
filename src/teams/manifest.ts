import { z } from 'zod';
import { ConfigError, type Config } from '../config';
import type { Language } from '../language';
import type { Translator } from '../i18n/translator';

/** The Teams manifest schema this package targets (teams/schema/MicrosoftTeams.schema.json). */
export const MANIFEST_VERSION = '1.11';
const ACCENT_COLOR = '#00704A';
const DEFAULT_LANGUAGE: Language = 'de';
const ADDITIONAL_LANGUAGES: Language[] = ['fr', 'it'];

/** What the package needs from the configuration; each missing variable is named. */
const packageSettingsSchema = z.object({
  MicrosoftAppId: z.uuid("must be the bot's Microsoft App ID (a GUID) to build the Teams package"),
  PUBLIC_URL: z
    .url("is required: the bot's public https:// URL")
    .refine((url) => url.startsWith('https://'), "must be the bot's public https:// URL"),
  TEAMS_WEBSITE_URL: z.url('is required to build the Teams package (https://…)'),
  TEAMS_PRIVACY_URL: z.url('is required to build the Teams package (https://…)'),
  TEAMS_TERMS_URL: z.url('is required to build the Teams package (https://…)'),
});

/** Name and descriptions in one language, as both the manifest and Teams' language files hold them. */
function strings(translator: Translator, lang: Language, brand: string) {
  const t = (key: string) => translator.t(lang, `teams.${key}`, { brand });
  return {
    name: { short: t('nameShort'), full: t('nameFull') },
    description: { short: t('descriptionShort'), full: t('descriptionFull') },
  };
}

export interface TeamsManifestFiles {
  manifest: Record<string, unknown>;
  /** Teams language files (fr.json, it.json): the manifest's strings in the other languages. */
  languageFiles: Record<string, Record<string, string>>;
}

export function buildManifest(config: Config, translator: Translator): TeamsManifestFiles {
  const parsed = packageSettingsSchema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        return `${key}=${JSON.stringify(config[key as keyof Config] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const settings = parsed.data;
  const brand = (lang: Language) =>
    ({ de: config.BRAND_NAME_DE, fr: config.BRAND_NAME_FR, it: config.BRAND_NAME_IT })[lang];
  const main = strings(translator, DEFAULT_LANGUAGE, brand(DEFAULT_LANGUAGE));
  const manifest = {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: config.TEAMS_APP_VERSION,
    id: config.TEAMS_APP_ID ?? settings.MicrosoftAppId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE,
      additionalLanguages: ADDITIONAL_LANGUAGES.map((lang) => ({ languageTag: lang, file: `${lang}.json` })),
    },
    developer: {
      name: config.TEAMS_DEVELOPER_NAME,
      websiteUrl: settings.TEAMS_WEBSITE_URL,
      privacyUrl: settings.TEAMS_PRIVACY_URL,
      termsOfUseUrl: settings.TEAMS_TERMS_URL,
    },
    ...main,
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: settings.MicrosoftAppId,
        scopes: ['personal'],
        supportsFiles: false,
        isNotificationOnly: false,
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    // The download links of tax certificates point here.
    validDomains: [new URL(settings.PUBLIC_URL).host],
  };
  const languageFiles = Object.fromEntries(
    ADDITIONAL_LANGUAGES.map((lang) => {
      const { name, description } = strings(translator, lang, brand(lang));
      return [
        `${lang}.json`,
        {
          $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`,
          'name.short': name.short,
          'name.full': name.full,
          'description.short': description.short,
          'description.full': description.full,
        },
      ];
    }),
  );
  return { manifest, languageFiles };
}
