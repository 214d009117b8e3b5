/**
 * English, which the bot does not speak: only what it takes to recognise it. Function words that
 * German, French and Italian do not write ("i" is Swiss German, "a", "in", "am" and "me" are shared).
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `the my your how what where why when which who is are was does did do can could would should will
   have has not don't doesn't didn't can't it this that there to for of with from by on about get got
   you we they me an any some`.split(/\s+/),
);
