import { isStopWord, stem, words } from '../faq/normalize';
import { LANGUAGES, type Language } from '../language';
import type { PhraseContent, Trilingual } from './phraseContent';
import { squeeze, type Found, type PhraseWords, type Utterance, type WordStarts } from './utterance';

/** A phrase of one option, folded into words. */
interface Compiled<K extends string> extends PhraseWords {
  key: K;
  /** Its first word's first letter, and its stem when it is long enough to match on its own (see Utterance.find). */
  initial: string;
  initialStem?: string;
}

/** Whether the phrase's first word may be one of the message's: the same first letter, or the same stem. */
const mayStart = (phrase: Compiled<string>, starts: WordStarts): boolean =>
  starts.letters.has(phrase.initial) ||
  (phrase.initialStem !== undefined && starts.stems.has(phrase.initialStem));

export interface Hit<K extends string> {
  key: K;
  found: Found;
}

/** Per language, the phrases of a few options ("sms", "email", "totp"), folded once. */
export class PhraseTable<K extends string> {
  private readonly byLang: Record<Language, Compiled<K>[]>;

  constructor(
    options: Readonly<Record<K, Trilingual>>,
    fold: (lang: Language) => Language = (l) => l,
    private readonly skippable: (lang: Language, word: string) => boolean = () => false,
  ) {
    this.byLang = Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        (Object.keys(options) as K[])
          .flatMap((key) =>
            options[key][lang].flatMap((p) => {
              const folded = words(p, fold(lang));
              const compile = (w: string[]): Compiled<K> => {
                const stems = w.map((x) => stem(x, fold(lang)));
                const initialStem = stems[0] !== undefined && stems[0].length >= 3 ? stems[0] : undefined;
                return {
                  key,
                  words: w,
                  stems,
                  squeezed: w.map(squeeze),
                  initial: w[0]?.[0] ?? '',
                  initialStem,
                };
              };
              // "l'anno scorso" also after a preposition that took the article ("dell'anno scorso").
              const elided = lang !== 'de' && folded[0] === 'l' && folded.length > 1;
              return elided ? [compile(folded), compile(folded.slice(1))] : [compile(folded)];
            }),
          )
          // Longest first: "nicht umstellen" wins over "umstellen", "letztes Jahr" over "Jahr".
          .sort((a, b) => b.words.length - a.words.length),
      ]),
    ) as Record<Language, Compiled<K>[]>;
  }

  /** The longest phrase of any option found in the message, in words of `lang` (or of `as` folded alike). */
  longest(utterance: Utterance, lang: Language, as: Language = lang): Hit<K> | undefined {
    const find = this.finder(utterance, as);
    for (const phrase of this.byLang[lang]) {
      const found = find(phrase);
      if (found) return { key: phrase.key, found };
    }
    return undefined;
  }

  /**
   * Where each phrase of the option is found ("hilfe, was soll ich da eingeben"), none inside another; two may
   * overlap ("ich weiss nicht, was ich eingeben soll" has "ich weiss nicht was" and "was ich eingeben soll").
   */
  spans(utterance: Utterance, lang: Language, key: K): Found[] {
    const spans: Found[] = [];
    const find = this.finder(utterance, lang);
    for (const phrase of this.byLang[lang]) {
      if (phrase.key !== key) continue;
      const found = find(phrase);
      if (found && !spans.some((s) => s.start <= found.start && found.end <= s.end)) spans.push(found);
    }
    return spans;
  }

  /** Finds phrases in the message, in words of `as`; most phrases start with no word of it and are passed over. */
  private finder(utterance: Utterance, as: Language): (phrase: Compiled<K>) => Found | undefined {
    const starts = utterance.starts(as);
    const skippable = (word: string) => this.skippable(as, word);
    return (phrase) => (mayStart(phrase, starts) ? utterance.find(phrase, as, skippable) : undefined);
  }

  /**
   * Every option named, each once, in message order; a phrase inside a longer one found before does not
   * count ("nicht umstellen" names no, not also yes).
   */
  all(utterance: Utterance, lang: Language): Hit<K>[] {
    const hits: Hit<K>[] = [];
    const find = this.finder(utterance, lang);
    for (const phrase of this.byLang[lang]) {
      const found = find(phrase);
      if (!found || hits.some((h) => h.key === phrase.key || overlap(h.found, found))) continue;
      hits.push({ key: phrase.key, found });
    }
    return hits.sort((a, b) => a.found.start - b.found.start);
  }
}

const overlap = (a: Found, b: Found): boolean => a.start < b.end && b.start < a.end;

const single = (list: Trilingual): Record<'it', Trilingual> => ({ it: list });

/** faq/phrases.yaml compiled for matching. */
export class PhraseBook {
  readonly commands: PhraseTable<keyof PhraseContent['commands']>;
  readonly smalltalk: PhraseTable<keyof PhraseContent['smalltalk']>;
  /** Language names are matched in any language: folded without German's ae/oe/ue rule (as French). */
  readonly languages: PhraseTable<Language>;
  readonly languageCues: PhraseTable<'it'>;
  readonly wish: PhraseTable<'it'>;
  readonly questionWords: PhraseTable<'it'>;
  readonly preference: PhraseTable<'it'>;
  readonly negation: PhraseTable<'it'>;
  readonly loginSwitch: PhraseTable<'it'>;
  readonly loginTopic: PhraseTable<'it'>;
  readonly actionObjects: PhraseTable<keyof PhraseContent['actionObjects']>;
  readonly change: PhraseTable<'it'>;
  readonly requestVerbs: PhraseTable<'it'>;
  readonly actions: PhraseTable<keyof PhraseContent['actions']>;
  readonly answers: PhraseTable<keyof PhraseContent['answers']>;
  readonly years: PhraseTable<keyof PhraseContent['years']>;
  readonly loginModes: PhraseTable<keyof PhraseContent['loginModes']>;
  /** The questions about each step, found as phrases ("toujours rien reçu" has "rien reçu"). */
  readonly stepQuestions: PhraseTable<keyof PhraseContent['stepQuestions']>;
  private readonly fillers: Record<Language, ReadonlySet<string>>;
  private allFillers?: ReadonlySet<string>;
  private readonly negations: Record<Language, ReadonlySet<string>>;
  private readonly stepVocabulary = new Map<string, ReadonlySet<string>>();

  constructor(readonly content: PhraseContent) {
    this.negations = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, new Set(content.negation[lang].flatMap((p) => words(p, lang)))]),
    ) as unknown as Record<Language, ReadonlySet<string>>;
    // A small word may stand between the words of a phrase ("abbrechen" … "was soll ich da eingeben"),
    // never a negation ("ja nicht umstellen").
    const skippable = (lang: Language, word: string) =>
      (isStopWord(lang, word) || this.fillers[lang].has(word)) && !this.negations[lang].has(word);
    this.commands = new PhraseTable(content.commands, undefined, skippable);
    this.smalltalk = new PhraseTable(content.smalltalk);
    const everyLanguage = Object.fromEntries(
      LANGUAGES.map((target) => [
        target,
        Object.fromEntries(LANGUAGES.map((l) => [l, content.languages[target]])),
      ]),
    ) as Record<Language, Trilingual>;
    this.languages = new PhraseTable(everyLanguage, () => 'fr');
    this.languageCues = new PhraseTable(single(content.languageCues));
    this.wish = new PhraseTable(single(content.wish));
    this.questionWords = new PhraseTable(single(content.questionWords));
    this.preference = new PhraseTable(single(content.preference));
    this.negation = new PhraseTable(single(content.negation));
    this.loginSwitch = new PhraseTable(single(content.loginSwitch));
    this.loginTopic = new PhraseTable(single(content.loginTopic));
    this.actionObjects = new PhraseTable(content.actionObjects);
    this.change = new PhraseTable(single(content.change));
    this.requestVerbs = new PhraseTable(single(content.requestVerbs));
    this.actions = new PhraseTable(content.actions, undefined, skippable);
    this.answers = new PhraseTable(content.answers, undefined, skippable);
    this.years = new PhraseTable(content.years, undefined, skippable);
    this.loginModes = new PhraseTable(content.loginModes);
    this.stepQuestions = new PhraseTable(content.stepQuestions, undefined, skippable);
    this.fillers = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, new Set(content.filler[lang].flatMap((p) => words(p, lang)))]),
    ) as unknown as Record<Language, ReadonlySet<string>>;
  }

  /** The words of the questions about a step's topics ("numero", "contratto"), folded. */
  stepWords(lang: Language, topics: readonly (keyof PhraseContent['stepQuestions'])[]): ReadonlySet<string> {
    const key = `${lang}:${topics.join(',')}`;
    let known = this.stepVocabulary.get(key);
    if (!known) {
      known = new Set(
        topics.flatMap((t) => this.content.stepQuestions[t][lang].flatMap((p) => words(p, lang))),
      );
      this.stepVocabulary.set(key, known);
    }
    return known;
  }

  filler(lang: Language): ReadonlySet<string> {
    return this.fillers[lang];
  }

  /** Filler words of all three languages ("en français s'il vous plaît" in an Italian conversation). */
  anyFiller(): ReadonlySet<string> {
    return (this.allFillers ??= new Set(LANGUAGES.flatMap((lang) => [...this.fillers[lang]])));
  }

  /** Put as a question: a question mark, or a question word at the start ("wie bestelle ich …"). */
  isQuestion(utterance: Utterance, lang: Language): boolean {
    if (utterance.asksQuestion) return true;
    return this.startsWithQuestionWord(utterance, lang);
  }

  /** "wie …", "ab wann …", "à partir de quand …": begins with a question word (any of them, not only the longest). */
  startsWithQuestionWord(utterance: Utterance, lang: Language): boolean {
    return this.questionWords.spans(utterance, lang, 'it').some((s) => s.start === 0);
  }

  /** The word positions of the negations ("kein", "pas", "non"). */
  negationsIn(utterance: Utterance, lang: Language): number[] {
    return utterance.words(lang).flatMap((word, i) => (this.negations[lang].has(word) ? [i] : []));
  }

  /** "ich möchte", "je veux", "mi serve"; not when negated ("je veux pas", "ich will keinen", "non mi serve"). */
  isWish(utterance: Utterance, lang: Language): boolean {
    const negations = this.negationsIn(utterance, lang);
    return this.wish
      .spans(utterance, lang, 'it')
      .some((found) => !negations.some((at) => at === found.start - 1 || at === found.end));
  }
}
