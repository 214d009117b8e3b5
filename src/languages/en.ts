import type { LanguageModule } from './types';

/**
 * English, which the bot does not speak: enough to recognise it (function words German, French and
 * Italian do not write: "i" is Swiss German, "a", "in", "am" and "me" are shared) and to build a matcher
 * for it without failing.
 */
const FUNCTION_WORDS = `the my your how what where why when which who is are was does did do can could would should
  will have has not don't doesn't didn't can't it this that there to for of with from by on about get got you we they
  me an any some`;

export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(FUNCTION_WORDS.split(/\s+/));

export const en: LanguageModule = {
  code: 'en',
  stemmer: 'english',
  stopWords: `${FUNCTION_WORDS} i a in am`,
  particles: [],
  clauseLeaders: [],
  clauseBreaks: ['because', 'but', 'otherwise'],
  negations: ['not', 'no', 'never', 'without', "don't", "doesn't", "didn't", "can't"],
  numberWords: {
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    twelve: 12,
    twenty: 20,
  },
  spellings: () => [],
};
