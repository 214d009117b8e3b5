import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticEntries, withTypo, seededRandom, writeFaqDir } from '../../bench/syntheticFaq';
import { LANGUAGES } from '../../src/language';
import { loadFaq } from '../../src/faq/loader';
import { MIN_ALTERNATES } from '../../src/faq/schema';
import { shippedIndex } from '../helpers/shippedFaq';

describe('the synthetic FAQ of the benchmark', () => {
  const shipped = shippedIndex().faq;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'synthetic-faq-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each([1, 29, 120])('%i entries: a content directory the loader accepts, of that size', (size) => {
    writeFaqDir(dir, shipped, syntheticEntries(shipped, size));
    expect(readdirSync(path.join(dir, 'entries'))).toHaveLength(size);
    const faq = loadFaq(dir);
    expect(faq.entries).toHaveLength(size);
    expect(new Set(faq.entries.map((e) => e.id)).size).toBe(size);
    for (const entry of faq.entries) {
      for (const lang of LANGUAGES) {
        expect(entry.text[lang].alternates.length).toBeGreaterThanOrEqual(MIN_ALTERNATES);
      }
    }
  });

  test('each entry rewords the shipped entry it is made from, in every language, around its own topic', () => {
    const entries = syntheticEntries(shipped, 2 * shipped.entries.length);
    entries.forEach((entry, i) => {
      const base = shipped.entries[i % shipped.entries.length];
      expect(entry.id).toBe(`${base.id}-${i + 1}`);
      for (const lang of LANGUAGES) {
        const own = [entry[lang].question, ...entry[lang].alternates];
        const original = new Set([base.text[lang].question, ...base.text[lang].alternates]);
        expect(own.filter((p) => original.has(p))).toEqual([]);
        expect(own).toHaveLength(original.size);
      }
    });
    // Two entries made from the same shipped entry differ.
    const twin = entries[shipped.entries.length];
    expect(twin.de.question).not.toBe(entries[0].de.question);
  });

  test('the same seed gives the same FAQ; another seed another one', () => {
    expect(syntheticEntries(shipped, 50)).toEqual(syntheticEntries(shipped, 50));
    expect(syntheticEntries(shipped, 50, 8)).not.toEqual(syntheticEntries(shipped, 50));
  });

  test('a typo swaps two neighbouring letters of a longer word and keeps the rest', () => {
    const random = seededRandom(1);
    for (const text of ['Passwort vergessen', 'Wie erhalte ich die Steuerbescheinigung?']) {
      const typo = withTypo(text, random);
      expect(typo).not.toBe(text);
      expect([...typo].sort().join('')).toBe([...text].sort().join(''));
    }
    expect(withTypo('ja', random)).toBe('ja');
  });
});
