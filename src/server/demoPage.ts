import type restify from 'restify';
import type { Translator } from '../i18n/translator';
import { LANGUAGES, isLanguage, type Language } from '../language';
import { CompressedAsset } from './compressedAsset';
import { readStaticFile } from './staticFiles';

/** The locale the demo page declares in <html lang> for each language. */
const PAGE_LOCALE: Record<Language, string> = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The demo page in one language: {{key}} placeholders of the template filled from the locales (`demo.key`),
 * <html lang> set, the current language marked in the language links. A placeholder without a string stops
 * start-up, naming it.
 */
export function renderDemoPage(template: string, lang: Language, translator: Translator): string {
  return template.replace(/\{\{([\w.]+)\}\}/g, (_match, key: string) => {
    if (key === 'locale') return PAGE_LOCALE[lang];
    if (key.startsWith('current.')) return key === `current.${lang}` ? 'aria-current="page"' : '';
    const text = translator.t(lang, `demo.${key}`);
    if (!text || text === `demo.${key}`)
      throw new Error(`web/demo.html: no UI string "demo.${key}" in ${lang}`);
    return escapeHtml(text);
  });
}

/** GET / — the demo page in the language of `?lang=` (de, fr or it; German otherwise). */
export function registerDemoPage(server: restify.Server, file: string, translator: Translator): void {
  const template = readStaticFile(file, '/').toString('utf8');
  const pages = new Map(
    LANGUAGES.map((lang) => [
      lang,
      new CompressedAsset(Buffer.from(renderDemoPage(template, lang, translator)), {
        contentType: 'text/html; charset=utf-8',
        maxAgeSeconds: 300,
      }),
    ]),
  );
  server.get('/', (req, res, next) => {
    const asked = new URLSearchParams(req.getQuery()).get('lang') ?? '';
    pages.get(isLanguage(asked) ? asked : 'de')!.send(req, res);
    next();
  });
}
