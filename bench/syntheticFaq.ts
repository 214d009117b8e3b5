import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Faq, FaqEntry } from '../src/faq/content';
import { LANGUAGES, type Language } from '../src/language';
import { CATEGORIES_FILE, ENTRIES_DIR, FACTS_FILE } from '../src/faq/loader';
import { foldText, isStopWord } from '../src/faq/normalize';
import type { EntryFile } from '../src/faq/schema';

/** A small deterministic generator (mulberry32): the same seed gives the same FAQ on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** How each language ties a topic to a question ("… bei Prämienrechnung", "… pour facture"). */
const CONNECTORS: Record<Language, readonly string[]> = {
  de: ['bei', 'für', 'zur', 'wegen'],
  fr: ['pour', 'concernant', 'avec', 'sur'],
  it: ['per', 'riguardo', 'con', 'sulla'],
};

/** A typo users make: two different neighbouring letters swapped inside a longer word (unchanged if none). */
export function withTypo(text: string, random: () => number): string {
  const long = [...text.matchAll(/\p{L}{6,}/gu)];
  if (long.length === 0) return text;
  const match = pick(random, long);
  const word = match[0];
  const places = [...word.slice(1, -2)].map((_, k) => k + 1).filter((i) => word[i] !== word[i + 1]);
  if (places.length === 0) return text;
  const i = pick(random, places);
  const typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return text.slice(0, match.index) + typo + text.slice(match.index + word.length);
}

/** Words of the shipped answers that carry meaning: the vocabulary the synthetic topics are made of. */
function topicWords(faq: Faq, lang: Language): string[] {
  const all = faq.entries.flatMap((e) => e.text[lang].answer.match(/\p{L}{5,}/gu) ?? []);
  return [...new Set(all)].filter((w) => !isStopWord(lang, foldText(w, lang))).sort();
}

/** One phrasing reworded around the entry's topic, in one of several ways users write. */
function vary(phrasing: string, topic: string, lang: Language, random: () => number): string {
  const bare = phrasing.replace(/[?!.]+$/, '');
  switch (Math.floor(random() * 5)) {
    case 0:
      return `${bare} ${pick(random, CONNECTORS[lang])} ${topic}?`;
    case 1:
      return `${topic}: ${bare}`;
    case 2:
      return `${bare} (${topic})`;
    case 3:
      return withTypo(`${topic} ${bare}`, random);
    default:
      return `${bare.toLowerCase()} ${topic.toLowerCase()}`;
  }
}

/** Distinct variants of every phrasing; a collision is reworded again until it is new. */
function varyAll(
  phrasings: readonly string[],
  topic: string,
  lang: Language,
  random: () => number,
): string[] {
  const seen = new Set<string>();
  return phrasings.map((p) => {
    let variant = vary(p, topic, lang, random);
    while (seen.has(variant.toLowerCase())) variant = `${vary(p, topic, lang, random)} ${topic}`;
    seen.add(variant.toLowerCase());
    return variant;
  });
}

/**
 * A FAQ of `size` entries in all three languages, made from the shipped one: each synthetic entry
 * rewords a shipped entry's question and alternates around a topic of two words taken from the shipped
 * answers, so entries share most of their words (as in a real large FAQ) and the vocabulary grows with size.
 */
export function syntheticEntries(shipped: Faq, size: number, seed = 7): EntryFile[] {
  const random = seededRandom(seed);
  const vocabulary = Object.fromEntries(LANGUAGES.map((l) => [l, topicWords(shipped, l)])) as Record<
    Language,
    string[]
  >;
  return Array.from({ length: size }, (_, i) => {
    const base: FaqEntry = shipped.entries[i % shipped.entries.length];
    const text = Object.fromEntries(
      LANGUAGES.map((lang) => {
        const topic = `${pick(random, vocabulary[lang])} ${pick(random, vocabulary[lang])}`;
        const { question, alternates, answer } = base.text[lang];
        const [variantQuestion, ...variantAlternates] = varyAll(
          [question, ...alternates],
          topic,
          lang,
          random,
        );
        return [
          lang,
          { question: variantQuestion, alternates: variantAlternates, answer: `${answer}\n\n${topic}` },
        ];
      }),
    ) as Pick<EntryFile, Language>;
    return {
      id: `${base.id}-${i + 1}`,
      category: base.category,
      followUps: [],
      action: base.action,
      ...text,
    };
  });
}

/** Writes a content directory the loader reads like faq/: the shipped categories and the given entries. */
export function writeFaqDir(dir: string, shipped: Faq, entries: readonly EntryFile[]): void {
  mkdirSync(path.join(dir, ENTRIES_DIR), { recursive: true });
  const categories = shipped.categories.map((c) => ({ id: c.id, ...c.name }));
  writeFileSync(path.join(dir, CATEGORIES_FILE), stringify(categories));
  writeFileSync(path.join(dir, FACTS_FILE), stringify(shipped.facts));
  for (const entry of entries)
    writeFileSync(path.join(dir, ENTRIES_DIR, `${entry.id}.yaml`), stringify(entry));
}
