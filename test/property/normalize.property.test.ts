import fc from 'fast-check';
import { LANGUAGES } from '../../src/language';
import { contentWords, foldText, stem, words } from '../../src/faq/normalize';

const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const language = fc.constantFrom(...LANGUAGES);
/** Plain lower-case words, and the same words as users with accents on their keyboard write them. */
const ACCENTED: Record<string, string[]> = {
  a: ['à', 'â', 'á'],
  e: ['é', 'è', 'ê', 'ë'],
  i: ['î', 'ï', 'ì'],
  o: ['ô', 'ò', 'ó'],
  u: ['ù', 'û', 'ú'],
  c: ['ç'],
};
const plainWord = fc.string({
  unit: fc.constantFrom(...'abcdefghilmnoprstuvz'),
  minLength: 1,
  maxLength: 12,
});

describe('text normalisation, for any input', () => {
  test('never throws; words are non-empty runs of folded letters and digits', () => {
    fc.assert(
      fc.property(anyText, language, (text, lang) => {
        for (const word of words(text, lang)) {
          expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
          expect(word).not.toMatch(/\p{M}|ß/u);
        }
        expect(typeof foldText(text, lang)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  test('content words are a subset of the words, in order', () => {
    fc.assert(
      fc.property(anyText, language, (text, lang) => {
        const all = words(text, lang);
        let at = 0;
        for (const word of contentWords(text, lang)) {
          at = all.indexOf(word, at) + 1;
          expect(at).toBeGreaterThan(0);
        }
      }),
    );
  });

  test('accents and case make no difference', () => {
    fc.assert(
      fc.property(
        fc.array(plainWord, { minLength: 1, maxLength: 6 }),
        language,
        fc.infiniteStream(fc.nat()),
        (plain, lang, choices) => {
          const text = plain.join(' ');
          const accented = [...text]
            .map((ch) => {
              const options = ACCENTED[ch];
              const pick = choices.next().value;
              return options && pick % 2 === 0 ? options[pick % options.length]! : ch;
            })
            .join('')
            .toUpperCase();
          expect(words(accented, lang)).toEqual(words(text, lang));
        },
      ),
    );
  });

  test('stemming any folded word never throws and never yields an empty stem', () => {
    fc.assert(
      fc.property(anyText, language, (text, lang) => {
        for (const word of words(text, lang)) expect(stem(word, lang).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
