/**
 * Everything the matcher needs to know of one language, in one place (as NLP.js's lang-de package):
 * a fourth language is one new module plus its content.
 */
export interface LanguageModule {
  code: string;
  /** Snowball algorithm name (snowball-stemmers), or undefined to match words unstemmed. */
  stemmer?: string;
  /**
   * Function words and chat filler that say nothing about what the user wants, folded like the text they
   * are compared with. Generic language only: nothing may be tuned to the words of one FAQ. Words that
   * decide the meaning stay out: quantifiers (alle, tous, tutti), separable-verb particles, negations.
   */
  stopWords: string;
  /** German separable-verb particles: "logge … aus" is "ausloggen". */
  particles: readonly string[];
  /** Words a clause's verb may follow when it is not the first word (question words, pronouns). */
  clauseLeaders: readonly string[];
  /** Words that begin a new clause without a comma ("via mail **che** il telefono è scarico"), folded. */
  clauseBreaks: readonly string[];
  /**
   * Subject pronouns written after their verb with a hyphen in a question ("a-t-il", "faut-il", "est-ce"),
   * folded: such a word is its parts only, never one new word.
   */
  invertedSubjects?: readonly string[];
  /** Words that turn a statement into its opposite ("kein", "pas", "non"), folded. */
  negations: readonly string[];
  /** A year of this century as written in words, folded, without spaces ("zweitausendvierundzwanzig"). */
  spellYear?(year: number): string | undefined;
  /** Numbers written as words, folded. */
  numberWords: Readonly<Record<string, number>>;
  /**
   * Other spellings of a word, as users without the language's keyboard write it ("Prämie" → "Praemie"):
   * the matcher gives them the word's stem.
   */
  spellings(word: string): string[];
  /** Courtesy forms written in lower case where the formal address capitalises them (Italian "Lei", "Suo"). */
  lowercaseCourtesy?: RegExp;
}
