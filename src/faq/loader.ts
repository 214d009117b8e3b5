import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ContentFacts, Faq, FaqCategory, FaqEntry, Neighbours, Synonyms } from './content';
import { LANGUAGES } from '../language';
import { ContentError, type ContentProblem } from './contentProblems';
import { words } from './normalize';
import { readYamlFile, schemaProblems } from './yamlFile';
import {
  categoriesFileSchema,
  entryFileSchema,
  factsFileSchema,
  neighboursFileSchema,
  synonymsFileSchema,
  type EntryFile,
} from './schema';

export { ContentError, formatProblem, type ContentProblem } from './contentProblems';

export const CATEGORIES_FILE = 'categories.yaml';
export const ENTRIES_DIR = 'entries';
export const SYNONYMS_FILE = 'synonyms.yaml';
export const FACTS_FILE = 'facts.yaml';
export const NEIGHBOURS_FILE = 'neighbours.yaml';

/**
 * Reads and validates a whole content directory. Throws ContentError listing every problem found:
 * the bot never serves half a FAQ.
 */
export function loadFaq(dir: string): Faq {
  const { faq, problems } = readFaq(dir);
  if (problems.length > 0 || !faq) throw new ContentError(problems);
  return faq;
}

/**
 * Every problem of a content directory, and the FAQ made of its valid parts (undefined when the facts
 * table is unusable): `faq -- check` looks for quality problems in the valid entries even when another
 * entry is broken. Never served: the bot loads with loadFaq.
 */
export function readFaq(dir: string): { faq?: Faq; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const categories = loadCategories(dir, problems);
  const { entries, invalidIds } = loadEntries(dir, problems);
  checkReferences(entries, invalidIds, categories, problems);
  const synonyms = loadSynonyms(dir, problems);
  const neighbours = loadNeighbours(dir, problems);
  const facts = loadFacts(dir, problems);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { faq: facts && { categories, entries, byId, synonyms, neighbours, facts }, problems };
}

function loadCategories(dir: string, problems: ContentProblem[]): FaqCategory[] {
  const yaml = readYamlFile(dir, CATEGORIES_FILE, problems);
  if (!yaml) return [];
  const parsed = categoriesFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...schemaProblems(yaml, parsed.error));
    return [];
  }
  return parsed.data.map(({ id, ...name }) => ({ id, name }));
}

/** The facts the bot's messages give per language (the support line): required, the bot cannot do without. */
function loadFacts(dir: string, problems: ContentProblem[]): ContentFacts | undefined {
  const yaml = readYamlFile(dir, FACTS_FILE, problems);
  if (!yaml) return undefined;
  const parsed = factsFileSchema.safeParse(yaml.data);
  if (!parsed.success) problems.push(...schemaProblems(yaml, parsed.error));
  return parsed.data;
}

/** The optional neighbours file: questions near the FAQ's that it does not answer. */
function loadNeighbours(dir: string, problems: ContentProblem[]): Neighbours {
  const none: Neighbours = { de: [], fr: [], it: [] };
  if (!existsSync(path.join(dir, NEIGHBOURS_FILE))) return none;
  const yaml = readYamlFile(dir, NEIGHBOURS_FILE, problems);
  if (!yaml) return none;
  const parsed = neighboursFileSchema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(yaml, parsed.error));
    return none;
  }
  const byLanguage = (lang: (typeof LANGUAGES)[number]) =>
    Object.entries(parsed.data[lang]).map(([topic, questions]) => ({ topic, questions }));
  return { de: byLanguage('de'), fr: byLanguage('fr'), it: byLanguage('it') };
}

/** The optional synonyms file; every word and variant must be one word, and a variant stand for one word only. */
function loadSynonyms(dir: string, problems: ContentProblem[]): Synonyms {
  const synonyms = { de: new Map<string, string>(), fr: new Map<string, string>(), it: new Map<string, string>() };
  if (!existsSync(path.join(dir, SYNONYMS_FILE))) return synonyms;
  const yaml = readYamlFile(dir, SYNONYMS_FILE, problems);
  if (!yaml) return synonyms;
  const parsed = synonymsFileSchema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(yaml, parsed.error));
    return synonyms;
  }
  for (const lang of LANGUAGES) {
    for (const [word, variants] of Object.entries(parsed.data[lang])) {
      const [canonical, ...more] = words(word, lang);
      if (!canonical || more.length > 0) {
        problems.push({ file: SYNONYMS_FILE, field: `${lang}.${word}`, message: 'must be one word' });
        continue;
      }
      variants.forEach((variant, i) => {
        const field = `${lang}.${word}.${i}`;
        const folded = words(variant, lang);
        const taken = synonyms[lang].get(folded[0]);
        if (folded.length !== 1) problems.push({ file: SYNONYMS_FILE, field, message: `"${variant}" must be one word` });
        else if (folded[0] === canonical) problems.push({ file: SYNONYMS_FILE, field, message: `"${variant}" is the word itself` });
        else if (taken !== undefined && taken !== canonical) {
          problems.push({ file: SYNONYMS_FILE, field, message: `"${variant}" already stands for "${taken}"` });
        } else synonyms[lang].set(folded[0], canonical);
      });
    }
  }
  return synonyms;
}

function listEntryFiles(dir: string, problems: ContentProblem[]): string[] {
  try {
    return readdirSync(path.join(dir, ENTRIES_DIR))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => path.posix.join(ENTRIES_DIR, name));
  } catch {
    problems.push({ file: ENTRIES_DIR, message: 'directory is missing' });
    return [];
  }
}

/** The valid entries, and the ids of invalid ones (already reported: follow-ups to them are not errors too). */
function loadEntries(
  dir: string,
  problems: ContentProblem[],
): { entries: FaqEntry[]; invalidIds: ReadonlySet<string> } {
  const entries: FaqEntry[] = [];
  const invalidIds = new Set<string>();
  const files = listEntryFiles(dir, problems);
  if (files.length === 0 && !problems.some((p) => p.file === ENTRIES_DIR)) {
    problems.push({ file: ENTRIES_DIR, message: 'holds no entry file' });
  }
  for (const file of files) {
    const yaml = readYamlFile(dir, file, problems);
    if (!yaml) continue;
    const parsed = entryFileSchema.safeParse(yaml.data);
    if (!parsed.success) {
      const id = (yaml.data as { id?: unknown })?.id;
      if (typeof id === 'string') invalidIds.add(id);
      problems.push(...schemaProblems(yaml, parsed.error, typeof id === 'string' ? id : undefined));
      continue;
    }
    entries.push(toEntry(file, parsed.data));
  }
  return { entries, invalidIds };
}

function toEntry(file: string, data: EntryFile): FaqEntry {
  const { id, category, followUps, action, owner, reviewBy, de, fr, it } = data;
  return { id, category, followUps, action, owner, reviewBy, file, text: { de, fr, it } };
}

function checkReferences(
  entries: FaqEntry[],
  invalidIds: ReadonlySet<string>,
  categories: FaqCategory[],
  problems: ContentProblem[],
): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const other = seen.get(entry.id);
    if (other) problems.push({ file: entry.file, entryId: entry.id, field: 'id', message: `duplicates ${other}` });
    seen.set(entry.id, entry.file);
  }
  const categoryIds = new Set(categories.map((c) => c.id));
  for (const entry of entries) {
    if (categories.length > 0 && !categoryIds.has(entry.category)) {
      problems.push({
        file: entry.file,
        entryId: entry.id,
        field: 'category',
        message: `unknown category "${entry.category}" (known: ${[...categoryIds].join(', ')})`,
      });
    }
    entry.followUps.forEach((followUp, i) => {
      if (!seen.has(followUp)) {
        if (invalidIds.has(followUp)) return;
        problems.push({
          file: entry.file,
          entryId: entry.id,
          field: `followUps.${i}`,
          message: `unknown entry id "${followUp}"`,
        });
      } else if (followUp === entry.id) {
        problems.push({ file: entry.file, entryId: entry.id, field: `followUps.${i}`, message: 'refers to itself' });
      }
    });
  }
}
