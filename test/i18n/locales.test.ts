import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lowercaseCourtesyForms } from '../../src/faq/quality/courtesy';
import { LANGUAGES, type Language } from '../../src/language';
import { FAQ_DIR, LOCALES_DIR } from '../helpers/paths';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function readLocale(lang: Language): Record<string, Json> {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, 'translation.json'), 'utf8')) as Record<
    string,
    Json
  >;
}

/** Every leaf of a translation file by its dotted key; lists (phrases) are leaves. */
function flatten(value: Json, prefix = ''): Map<string, Json> {
  const leaves = new Map<string, Json>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) leaves.set(k, v);
    }
  } else leaves.set(prefix, value);
  return leaves;
}

/** {{name}} placeholders (i18next interpolation), formatting options stripped. */
function placeholders(value: Json): string[] {
  const text = JSON.stringify(value);
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
}

const locales = Object.fromEntries(LANGUAGES.map((lang) => [lang, flatten(readLocale(lang))])) as Record<
  Language,
  Map<string, Json>
>;
const allKeys = [...new Set(LANGUAGES.flatMap((lang) => [...locales[lang].keys()]))].sort();

describe('locales/{de,fr,it}/translation.json', () => {
  test('hold UI strings (the files are not empty)', () => {
    for (const lang of LANGUAGES) expect(locales[lang].size).toBeGreaterThan(20);
  });

  test('every key present in one language is present in all three', () => {
    const missing = LANGUAGES.flatMap((lang) =>
      allKeys.filter((key) => !locales[lang].has(key)).map((key) => `${lang}: missing "${key}"`),
    );
    expect(missing).toEqual([]);
  });

  test('a key has the same kind of value in every language (text or list) and is never empty', () => {
    const wrong = allKeys.flatMap((key) => {
      const values = LANGUAGES.map((lang) => locales[lang].get(key)).filter((v) => v !== undefined);
      const kinds = new Set(values.map((v) => (Array.isArray(v) ? 'list' : typeof v)));
      const empty = LANGUAGES.filter((lang) => {
        const v = locales[lang].get(key);
        return v !== undefined && (Array.isArray(v) ? v.length === 0 : String(v).trim() === '');
      });
      return [
        ...(kinds.size > 1 ? [`"${key}": ${[...kinds].join(' vs ')}`] : []),
        ...empty.map((lang) => `${lang}: "${key}" is empty`),
      ];
    });
    expect(wrong).toEqual([]);
  });

  test('interpolation placeholders are the same in every language', () => {
    const differing = allKeys.flatMap((key) => {
      const byLang = LANGUAGES.map(
        (lang) => `${lang} {${placeholders(locales[lang].get(key) ?? '').join(', ')}}`,
      );
      return new Set(byLang.map((s) => s.slice(3))).size > 1 ? [`"${key}": ${byLang.join(' / ')}`] : [];
    });
    expect(differing).toEqual([]);
  });
});

test('no UI string writes a phone number or e-mail address itself: {{phone}} and {{email}} come from faq/facts.yaml', () => {
  const written = LANGUAGES.flatMap((lang) =>
    [...locales[lang]]
      .filter(([, v]) => /\b0\d{2}\s?\d{3}\s?\d{3}\b|\+41|@[\w-]+\.\w/.test(JSON.stringify(v)))
      .map(([k]) => `${lang}: ${k}`),
  );
  expect(written).toEqual([]);
});

test('the Italian UI strings address the user with capitalised courtesy forms (Lei, Le, Suo, Sua), as the FAQ does', () => {
  const lowercase = [...flatten(readLocale('it'))]
    .map(([key, value]) => [key, lowercaseCourtesyForms(JSON.stringify(value))] as const)
    .filter(([, forms]) => forms.length > 0);

  expect(lowercase).toEqual([]);
});

describe('Swiss spelling: no "ß"', () => {
  test('not in the German UI strings', () => {
    const withSharpS = [...locales.de].filter(([, v]) => JSON.stringify(v).includes('ß')).map(([k]) => k);
    expect(withSharpS).toEqual([]);
  });

  test('not anywhere in the FAQ content', () => {
    const files = [
      'categories.yaml',
      ...readdirSync(path.join(FAQ_DIR, 'entries')).map((name) => path.join('entries', name)),
    ];
    const offending = files.flatMap((file) =>
      readFileSync(path.join(FAQ_DIR, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes('ß') ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });
});
