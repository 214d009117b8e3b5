import { actionDefinition, ACTION_IDS, type ActionId, type LoginMode, type Slots } from '../actions/catalog';
import type { FaqIndex } from '../faq/faqIndex';
import { MAX_CANDIDATES, sureness, type Matcher, type MatchOutcome } from '../faq/matcher';
import { cachedMatcher } from '../faq/matcherCache';
import { words } from '../faq/normalize';
import { LANGUAGES, type Language } from '../language';
import { languageModule } from '../languages';
import type { Hit, PhraseBook } from './phraseBook';
import { STEP_TOPICS, type Command, type Smalltalk, type StepTopic } from './phraseContent';
import {
  answerFor,
  channelIn,
  codeIn,
  contractIn,
  FREE_TEXT_STEPS,
  NUMBER_ANSWER_STEPS,
  STEP_TOPICS_OF,
  ACTION_OF_STEP,
  WORD_ANSWER_STEPS,
  WORD_ANSWERS_OF,
  yearIn,
  type Step,
} from './stepAnswers';
import { questionParts } from './questionParts';
import { withoutPii } from '../security/pii';
import { Utterance, type Found } from './utterance';

/** Where the conversation stands when a message arrives. */
export interface InterpretContext {
  /** The conversation's language so far. */
  language: Language;
  /** The question a running action asked, if any. */
  step?: Step;
  activeAction?: ActionId;
  /** For "letztes Jahr". */
  currentYear: number;
  /** The FAQ in force. */
  faq: FaqIndex;
}

export type Interpretation = { language: Language } & (
  | { kind: 'command'; command: Command }
  | { kind: 'language-switch' }
  | { kind: 'answer'; value: string }
  | { kind: 'action'; action: ActionId; slots: Slots }
  /** `also`: a second question in the same message, answered too ("… und wie melde ich mich …?"). */
  | { kind: 'faq'; entry: string; outcome: MatchOutcome; also?: { entry: string; outcome: MatchOutcome } }
  /** `asked`: at an action's question, the message is a question of its own, not a mistyped answer. */
  | { kind: 'ambiguous'; outcome: MatchOutcome; asked?: true }
  /** `about`: the message asks about the step's topic ("Wie lange ist der Code gültig?"). */
  | { kind: 'fallback'; outcome: MatchOutcome; about?: StepTopic; asked?: true }
  | { kind: 'smalltalk'; smalltalk: Smalltalk }
);
export type InterpretationKind = Interpretation['kind'];

/** Besides the phrase, a command may come with this many words that carry meaning ("Vorgang jetzt abbrechen"). */
const MAX_WORDS_AROUND_COMMAND = 2;
/** "grazie", "danke schön", "per favore annulla": this short, a phrase of another language keeps the conversation's. */
const MAX_WORDS_OF_SHORT_PHRASE = 3;
/** Word answers ("SMS", "ja") put as a longer question are answers only when no FAQ entry answers. */
const MAX_WORDS_OF_PLAIN_ANSWER = 3;
/** "SMS", "code supplémentaire": this few words, without a wish or a verb, are a keyword, not a request. */
const MAX_WORDS_OF_KEYWORD = 2;
/**
 * At an action's question, an FAQ answer must be surer than when idle (sureness above the entry's floor): a
 * question there is often about the step itself, and the question asked again helps more than a confident
 * answer about something else.
 */
const STEP_FAQ_SURENESS = 0.5;
/** Each of two questions in one message is answered only when the FAQ is this sure of it alone. */
const TWO_QUESTIONS_SURENESS = 0.55;
/** Said, not asked, an FAQ question at a prompt has at least this many words that carry meaning. */
const STEP_FAQ_MIN_WORDS = 2;
/** A question about the step ("Wie lange ist der Code gültig?") scores at least this on its topic's phrases. */
const ABOUT_STEP_SCORE = 0.5;
/** ... and wins over an FAQ entry scoring at most this much more ("Was ist der Unterschied?" choosing a channel). */
const ABOUT_STEP_LEAD = 0.05;
/** Asked at an action's question, the entry offering the action answers when it scores this much … */
const RUNNING_ENTRY_MIN_SCORE = 0.35;
/** … and at most this much below the FAQ's best candidate ("je peux l'imprimer moi-même ?" at the year prompt). */
const RUNNING_ENTRY_MARGIN = 0.15;
/** A command of one word this short ("hä") counts only alone. */
const SHORT_COMMAND_WORD = 2;
/** A question about the step found as a phrase may have this many words that carry meaning around it. */
const MAX_WORDS_AROUND_STEP_QUESTION = 1;
/** "KPT 123", "CPT12345678", "1234 5678": a contract number mistyped, to be asked again, not an FAQ question. */
const looksLikeContractNumber = (text: string): boolean => /\b[kc]pt[\s\-./]*\d|\d{3}/i.test(text);

/** Per language, a matcher of one intent per id, with the phrasings the content gives it. */
function matchersPerLanguage<K extends string>(
  ids: readonly K[],
  phrasings: (id: K) => Readonly<Record<Language, readonly string[]>>,
): Record<Language, Matcher> {
  return Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      cachedMatcher(
        ids.map((id) => ({ id, phrasings: phrasings(id)[lang] })),
        lang,
      ),
    ]),
  ) as Record<Language, Matcher>;
}

/**
 * What a message means, given where the conversation stands: a command, a change of language, the answer
 * to the running action's question, a request to run an action (with what it already says), an FAQ
 * question, small talk, or nothing understood. Pure: no Bot Framework, no state; the text is normalised
 * once (Utterance) and every decision reads from that.
 */
export class Interpreter {
  private readonly actionMatchers: Record<Language, Matcher>;
  /** The questions about each step (faq/phrases.yaml `stepQuestions`), one intent per topic. */
  private readonly stepMatchers: Record<Language, Matcher>;
  private readonly vocabularies = new WeakMap<FaqIndex, Record<Language, ReadonlySet<string>>>();

  constructor(readonly book: PhraseBook) {
    this.actionMatchers = matchersPerLanguage(ACTION_IDS, (id) => book.content.actions[id]);
    this.stepMatchers = matchersPerLanguage(STEP_TOPICS, (id) => book.content.stepQuestions[id]);
  }

  /** A plain yes to an offer ("ja bitte", "oui volontiers"): short, no question. */
  isYes(text: string, lang: Language): boolean {
    const utterance = new Utterance(text);
    return (
      !utterance.asksQuestion &&
      utterance.words(lang).length <= MAX_WORDS_OF_PLAIN_ANSWER &&
      answerFor('confirm', utterance, lang, this.book, 0) === 'yes'
    );
  }

  /** "482913", "Code 482 913": a one-time code with a word at most around it (typed where nothing asks for it). */
  isCodeAlone(text: string, lang: Language): boolean {
    return codeIn(text) !== undefined && new Utterance(text).words(lang).length <= MAX_WORDS_OF_PLAIN_ANSWER;
  }

  interpret(text: string | Utterance, context: InterpretContext): Interpretation {
    const utterance = typeof text === 'string' ? new Utterance(text) : text;
    const requested = this.languageRequest(utterance, context.language);
    if (requested) return { kind: 'language-switch', language: requested };

    // A message may be read in one language more than once below (short, clearly, likely, distinct): once is enough.
    const readings = new Map<Language, Interpretation>();
    const readIn = (lang: Language): Interpretation => {
      let reading = readings.get(lang);
      if (!reading) readings.set(lang, (reading = this.interpretIn(utterance, lang, context)));
      return reading;
    };
    const current = readIn(context.language);
    if (current.kind === 'answer' || current.kind === 'command') return current;
    const short = this.shortInOtherLanguage(utterance, context, current, readIn);
    if (short) return short;
    const clearly = context.step ? undefined : utterance.languageGuesses.clearlyOther(context.language);
    if (clearly) {
      const other = readIn(clearly);
      if (other.kind !== 'fallback' || current.kind === 'fallback') return other;
    }
    if (current.kind !== 'fallback' && current.kind !== 'ambiguous') return current;
    const [likely] = utterance.languageGuesses.likely().filter((l) => l !== context.language);
    if (likely) {
      const other = readIn(likely);
      // "oui, je veux bien changer" after switching to German: an answer in a sentence of another language (said,
      // not asked, with more of its words) is the answer; the conversation keeps the language chosen. "non so"
      // asks about the step in Italian, whatever "non" is in French.
      if (
        other.kind === 'answer' &&
        !(current.kind === 'fallback' && current.about) &&
        !this.book.isQuestion(utterance, likely) &&
        (utterance.languageGuesses.clearlyOther(context.language) === likely ||
          this.moreWordsOf(utterance, likely, context))
      )
        return { ...other, language: context.language };
      // An answer is taken in the conversation's language: "quanto costa un SMS?" asks, it does not choose.
      if (other.kind !== 'fallback' && other.kind !== 'ambiguous' && other.kind !== 'answer') return other;
      // "mon code ne marche pas" in a German conversation: nothing understood in German, a "did you mean" (or,
      // at a prompt, a question about it) in French, whose words the message rather uses.
      if (this.understoodBetter(other, current) && this.moreWordsOf(utterance, likely, context)) return other;
    }
    // In a flow, a word of another language is not enough to change it ("e-mai" is no Italian).
    const distinct = context.step ? undefined : this.distinctLanguage(utterance, context);
    if (distinct) return readIn(distinct);
    return current;
  }

  /**
   * A short command, answer or greeting of another language ("grazie", "annuler", "oui", "Grüezi") is
   * understood, and the conversation keeps its language: a short phrase does not change it.
   */
  private shortInOtherLanguage(
    utterance: Utterance,
    context: InterpretContext,
    current: Interpretation,
    readIn: (lang: Language) => Interpretation,
  ): Interpretation | undefined {
    if (current.kind !== 'fallback' && current.kind !== 'ambiguous') return undefined;
    if (utterance.words(context.language).length > MAX_WORDS_OF_SHORT_PHRASE) return undefined;
    const likely = utterance.languageGuesses.likely();
    const others = LANGUAGES.filter((l) => l !== context.language).sort(
      (a, b) => Number(likely.includes(b)) - Number(likely.includes(a)),
    );
    for (const lang of others) {
      const other = readIn(lang);
      // "non so" is Italian for "I don't know", not a French "non" with a word around it.
      const whole =
        other.kind !== 'answer' ||
        !context.step ||
        !WORD_ANSWER_STEPS.has(context.step) ||
        this.onlyWordAnswer(utterance, lang);
      if ((other.kind === 'command' || other.kind === 'answer' || other.kind === 'smalltalk') && whole)
        return { ...other, language: context.language };
    }
    return undefined;
  }

  /** "auf Deutsch", "italiano", "Können wir bitte auf Deutsch weitermachen?", "on peut parler français?". */
  private languageRequest(utterance: Utterance, current: Language): Language | undefined {
    const hit = this.book.languages.longest(utterance, current, 'fr');
    if (!hit) return undefined;
    // "lieber italienisch", "plutôt en italien": a word of preference asks for the language too.
    const cue = LANGUAGES.some(
      (lang) =>
        this.book.languageCues.longest(utterance, lang) || this.book.preference.longest(utterance, lang),
    );
    const around = utterance.contentWordsOutside(current, [hit.found], this.book.anyFiller());
    return cue || around.length === 0 ? hit.key : undefined;
  }

  private interpretIn(utterance: Utterance, lang: Language, context: InterpretContext): Interpretation {
    let matched: ReturnType<Interpreter['faqAt']> | undefined;
    const faqOutcome = () => (matched ??= this.faqAt(utterance, lang, context));
    const filler = this.book.filler(lang);
    const question = this.book.isQuestion(utterance, lang);

    const command = this.commandIn(utterance, lang, context.step);
    if (command) {
      // "hilfe, was soll ich da eingeben?": two phrases of the same command leave nothing around.
      const spans = this.book.commands.spans(utterance, lang, command.key);
      const around = utterance.contentWordsOutside(lang, spans, filler);
      const result = { kind: 'command', command: command.key, language: lang } as const;
      // "hä?" asks for help alone; in "ich ha zwei Verträg" it is Swiss German "have".
      const shortWord =
        command.found.end - command.found.start === 1 &&
        utterance.words(lang)[command.found.start]!.length <= SHORT_COMMAND_WORD;
      // "merci pour votre aide" thanks for help rather than asks for it.
      const thanks = this.book.smalltalk.longest(utterance, lang);
      const thanked =
        command.key === 'help' && thanks !== undefined && thanks.found.start < command.found.start;
      if (!thanked && around.length === 0) return result;
      // "Posso annullare la modifica dopo?" asks about the step; it does not cancel. Help at a step explains
      // the step, so "perché vi serve il numero?" is help either way.
      const aboutTheStep =
        command.key !== 'help' &&
        question &&
        context.step !== undefined &&
        this.aboutStep(utterance, lang, context.step);
      // A topic or description in the person's words may name a person ("mein Berater ruft nicht zurück").
      const ownText = context.step !== undefined && FREE_TEXT_STEPS.has(context.step);
      // With more words, a question the FAQ answers wins ("Verliere ich meinen Kundenberater?",
      // "Registrierungscode ist nicht mehr gültig"); a request for a person counts in any other sentence,
      // another command when it has few words around it in its clause ("… nicht zur Hand, abbrechen"), help
      // only when the message is little more than the request: "je n'y arrive pas, mon mot de passe est
      // refusé" tells a problem, and its answer (or "did you mean") helps more than how to talk to the bot.
      const outcome = faqOutcome();
      // "j'ai oublié mon mot de passe, et où …?" holds two questions, not "oubliez" (cancel).
      const two = context.step ? undefined : this.twoQuestions(utterance, lang, context, outcome);
      if (two) return two;
      // "perché mi chiede il numero?": help with nothing around but the step's own words asks about the step, and
      // so does help beside one of the step's questions ("c'est quoi la différence entre les trois? je sais pas
      // quoi choisir" where a channel is chosen).
      const topics = context.step && STEP_TOPICS_OF[context.step];
      const stepWords = topics ? this.book.stepWords(lang, topics) : new Set<string>();
      // A negation outside the request for help tells a problem ("Ich finde meine Vertragsnummer nicht, was kann
      // ich tun?"): the FAQ's answer to it helps more than the step explained again.
      const problem = this.book
        .negationsIn(utterance, lang)
        .some((at) => !spans.some((s) => at >= s.start && at < s.end));
      const helpWithStep =
        command.key === 'help' &&
        context.step !== undefined &&
        topics !== undefined &&
        !problem &&
        (around.every((w) => stepWords.has(w)) ||
          this.aboutStep(utterance, lang, context.step) !== undefined);
      // An entry whose action is the support request is itself the way to a person, no other question.
      const clause = utterance.clauseAt(lang, command.found.start);
      // "ich bruuche sie doch nöd", "Das SMS kommt nicht, ich gebe auf" at a prompt: a cancel said, not asked, with
      // a word or two around it in its clause, cancels whatever the FAQ makes of the words.
      const saidCancel =
        command.key === 'cancel' &&
        context.step !== undefined &&
        !question &&
        utterance.contentWordsOutside(lang, spans, filler, clause).length <= MAX_WORDS_AROUND_COMMAND;
      const answered =
        outcome.kind === 'answer' &&
        !helpWithStep &&
        !saidCancel &&
        !(command.key === 'human' && context.faq.entry(outcome.id)?.action === 'support-request');
      // At an action's question, help explains the question: with any words around it ("je comprends pas à quoi
      // ça sert", "non capisco dove trovo il codice"), it is help unless the FAQ is sure of an answer.
      const helpAtStep = command.key === 'help' && topics !== undefined;
      const fits =
        command.key === 'human' ||
        helpAtStep ||
        around.length <= MAX_WORDS_AROUND_COMMAND ||
        (command.key !== 'help' &&
          utterance.contentWordsOutside(lang, spans, filler, clause).length <= MAX_WORDS_AROUND_COMMAND);
      if (!answered && !thanked && fits && !ownText && !aboutTheStep && !shortWord) return result;
    }

    if (context.step === 'contract' && looksLikeContractNumber(utterance.text) && !contractIn(utterance.text))
      return { kind: 'fallback', outcome: { kind: 'fallback', candidates: [] }, language: lang };
    // "Wie lange werden meine Dokumente aufbewahrt?" typed as a support request's description: a question the FAQ
    // is sure of is answered (and the request goes on); a description said as a statement is the description.
    if (context.step === 'description' && question) {
      const outcome = faqOutcome();
      if (outcome.kind === 'answer') return { kind: 'faq', entry: outcome.id, outcome, language: lang };
    }
    if (context.step) {
      const value = answerFor(context.step, utterance, lang, this.book, context.currentYear);
      if (value !== undefined && !this.answerInQuestion(context.step, utterance, lang, faqOutcome))
        return { kind: 'answer', value, language: lang };
      // "SMS" at the code prompt answers an earlier question, "Authenticator" where a code is sent names a
      // channel not offered: the question comes again (with its options), not an FAQ text.
      // "perfetto, grazie" thanks, whatever the step.
      // "ich bin 45 Jahre alt" where a number is asked: a number said that is no answer gets the format hint.
      const otherNumber = NUMBER_ANSWER_STEPS.has(context.step) && !question && /\d/.test(utterance.text);
      const wordOnly = this.onlyWordAnswer(utterance, lang) && !this.book.smalltalk.longest(utterance, lang);
      if (wordOnly || otherNumber) {
        // "Qual è il più sicuro?" choosing a channel: a yes-word in a question about the step.
        const { about } = faqOutcome();
        const outcome: MatchOutcome = { kind: 'fallback', candidates: [] };
        return { kind: 'fallback', outcome, language: lang, ...(about && { about }) };
      }
    }

    // "danke tschüss": a goodbye said with thanks still ends the conversation; "Moment, ich muss den Brief
    // schnell suchen": two phrases of the same small talk leave little around.
    const said = this.book.smalltalk.all(utterance, lang);
    const smalltalk = said.find((h) => h.key === 'goodbye') ?? this.book.smalltalk.longest(utterance, lang);
    const talked = smalltalk && this.book.smalltalk.spans(utterance, lang, smalltalk.key);
    const spans = [...said.map((h) => h.found), ...(talked ?? [])];
    if (smalltalk && utterance.contentWordsOutside(lang, spans, filler).length <= 1)
      return { kind: 'smalltalk', smalltalk: smalltalk.key, language: lang };

    const outcome = faqOutcome();
    // "renvoyez-le svp" at the code prompt is about the code, not a request for another action.
    const action = outcome.about
      ? undefined
      : this.actionRequest(utterance, lang, outcome, question, context);
    if (action && 'keyword' in action) return this.whichOf(action.keyword, outcome, lang, context);
    if (action) return { kind: 'action', ...action, language: lang };
    const two = context.step ? undefined : this.twoQuestions(utterance, lang, context, outcome);
    if (two) return two;
    // "quanto costa un SMS?" at the contract prompt asks something the bot cannot answer there: no input error.
    const asked = context.step !== undefined && question ? ({ asked: true } as const) : {};
    // "Moment, ich hole kurz die Karte": small talk in its own first clause, then a statement nothing answers
    // (at a prompt, nothing the FAQ is sure of).
    const opening = talked?.find((found) => this.ownFirstClause(utterance, lang, found));
    const unanswered = outcome.kind === 'fallback' || (context.step && outcome.kind === 'ambiguous');
    if (smalltalk && opening && unanswered && !question && !outcome.about)
      return { kind: 'smalltalk', smalltalk: smalltalk.key, language: lang };
    switch (outcome.kind) {
      case 'answer':
        return { kind: 'faq', entry: outcome.id, outcome, language: lang };
      case 'ambiguous':
        return { kind: 'ambiguous', outcome, language: lang, ...asked };
      default: {
        const { about, ...matched } = outcome;
        return { kind: 'fallback', outcome: matched, language: lang, ...(about ? { about } : asked) };
      }
    }
  }

  /**
   * "SMS", "Code": did you mean one of the FAQ's candidates or the entry that offers the action (its answer
   * carries the action's button)? The entry takes the last place if the FAQ did not list it.
   */
  private whichOf(
    action: ActionId,
    outcome: MatchOutcome,
    lang: Language,
    context: InterpretContext,
  ): Interpretation {
    const offering = context.faq.faq.entries.find((e) => e.action === action);
    const listed = outcome.candidates.some((c) => c.id === offering?.id);
    const candidates =
      offering && !listed
        ? [...outcome.candidates.slice(0, MAX_CANDIDATES - 1), { id: offering.id, score: 0 }]
        : outcome.candidates;
    return { kind: 'ambiguous', outcome: { kind: 'ambiguous', candidates }, language: lang };
  }

  /**
   * The FAQ's answer to the message. At an action's question only a sure one, and none when the message is
   * rather a question about the step (faq/phrases.yaml `stepQuestions`): then the fallback says what it is about.
   */
  private faqAt(
    utterance: Utterance,
    lang: Language,
    context: InterpretContext,
  ): MatchOutcome & { about?: StepTopic } {
    const outcome = context.faq.matchQuestion(utterance.matchText, lang);
    if (!context.step) return outcome;
    const about = this.aboutStep(utterance, lang, context.step);
    const running = context.activeAction ?? ACTION_OF_STEP[context.step];
    const asked = this.book.isQuestion(utterance, lang);
    const own = () =>
      running && asked && !about ? this.runningActionsEntry(outcome, running, context) : undefined;
    if (outcome.kind !== 'answer' && !about) return own() ?? outcome;
    const sure =
      outcome.kind === 'answer' &&
      sureness(outcome.score, context.faq.matcher(lang).floorOf(outcome.id)) >= STEP_FAQ_SURENESS &&
      (about === undefined || outcome.score > about.score + ABOUT_STEP_LEAD) &&
      // Said, not asked: "die für meine Steuererklärung" at the year prompt is about the running action, and
      // "un momento", "indietro", "le premier" (one word that carries meaning) are no FAQ question.
      (asked ||
        (!(running && context.faq.entry(outcome.id)?.action === running) &&
          utterance.contentWordsOutside(lang, [], this.book.filler(lang)).length >= STEP_FAQ_MIN_WORDS));
    if (sure) return outcome;
    return own() ?? { kind: 'fallback', candidates: outcome.candidates, about: about?.topic };
  }

  /**
   * Asked at the running action's question, "Kann ich das auch selber ausdrucken?" is about what the action
   * delivers: the FAQ entry that offers the action answers it when the FAQ ranks it (nearly) first, though not
   * sure enough for another entry.
   */
  private runningActionsEntry(
    outcome: MatchOutcome,
    running: ActionId,
    context: InterpretContext,
  ): MatchOutcome | undefined {
    const [top] = outcome.candidates;
    const own = outcome.candidates.find((c) => context.faq.entry(c.id)?.action === running);
    if (!top || !own || own.score < RUNNING_ENTRY_MIN_SCORE || own.score < top.score - RUNNING_ENTRY_MARGIN)
      return undefined;
    return { kind: 'answer', id: own.id, score: own.score, candidates: outcome.candidates };
  }

  /**
   * Two questions in one message, each alone sure of a different entry ("Wie lange werden meine Dokumente
   * aufbewahrt und wie melde ich mich für die eRechnung an?"): both answered. Anything less sure, a wish in a
   * part (an action), or a whole whose answer is neither part's, stays one question.
   */
  private twoQuestions(
    utterance: Utterance,
    lang: Language,
    context: InterpretContext,
    whole: MatchOutcome,
  ): Interpretation | undefined {
    const parts = questionParts(utterance.text, lang, this.book.content.questionJoins[lang]);
    if (parts.length !== 2 || parts.some((p) => this.book.isWish(new Utterance(p), lang))) return undefined;
    // "Meine Vertragsnummer ist KPT…, warum geht das nicht?": a part giving personal data is context, no question.
    if (parts.some((p) => withoutPii(p) !== p)) return undefined;
    const matcher = context.faq.matcher(lang);
    const sureAnswer = (part: string) => {
      const o = context.faq.matchQuestion(part, lang);
      return o.kind === 'answer' &&
        context.faq.entry(o.id) !== undefined &&
        sureness(o.score, matcher.floorOf(o.id)) >= TWO_QUESTIONS_SURENESS
        ? o
        : undefined;
    };
    // Both parts must be sure: the second is not matched when the first is not.
    const first = sureAnswer(parts[0]!);
    const second = first && sureAnswer(parts[1]!);
    if (!first || !second || first.id === second.id) return undefined;
    if (whole.kind === 'answer' && whole.id !== first.id && whole.id !== second.id) return undefined;
    return {
      kind: 'faq',
      entry: first.id,
      outcome: first,
      also: { entry: second.id, outcome: second },
      language: lang,
    };
  }

  /** The topic of the step the message asks about, if it is put like one of the step's questions. */
  private aboutStep(
    utterance: Utterance,
    lang: Language,
    step: Step,
  ): { topic: StepTopic; score: number } | undefined {
    const topics = STEP_TOPICS_OF[step] ?? [];
    if (topics.length === 0) return undefined;
    const said = this.stepQuestionSaid(utterance, lang, step);
    if (said) return { topic: said, score: 1 };
    const best = this.stepMatchers[lang]
      .matchQuestion(utterance.text)
      .candidates.find((c) => (topics as readonly string[]).includes(c.id));
    return best && best.score >= ABOUT_STEP_SCORE
      ? { topic: best.id as StepTopic, score: best.score }
      : undefined;
  }

  /**
   * The topic of one of the step's questions said as written, with little around it ("toujours rien reçu"
   * has "rien reçu"); not one inside an answer ("per posta elettronica" is e-mail, not "per posta").
   */
  private stepQuestionSaid(utterance: Utterance, lang: Language, step: Step): StepTopic | undefined {
    const answers = this.book.answers.all(utterance, lang);
    const filler = this.book.filler(lang);
    // Around it, the step's own answers and numbers belong to its topic ("ho ricevuto 2 sms, quale vale?").
    const around = (found: Found) =>
      utterance
        .contentWordsOutside(lang, [found, ...answers.map((a) => a.found)], filler)
        .filter((w) => !/\d/.test(w));
    return (STEP_TOPICS_OF[step] ?? []).find((topic) =>
      this.book.stepQuestions
        .spans(utterance, lang, topic)
        .some(
          (found) =>
            !answers.some((a) => a.found.start <= found.start && found.end <= a.found.end) &&
            around(found).length <= MAX_WORDS_AROUND_STEP_QUESTION,
        ),
    );
  }

  /** The phrase fills the message's first clause, but for filler ("Moment bitte, …"). */
  private ownFirstClause(utterance: Utterance, lang: Language, found: Found): boolean {
    const clause = utterance.clauseAt(lang, found.start);
    return (
      clause.start === 0 &&
      clause.end !== Infinity &&
      utterance.contentWordsOutside(lang, [found], this.book.filler(lang), clause).length === 0
    );
  }

  /** Nothing but a channel or a yes/no ("SMS", "per Mail bitte", "ok"). */
  private onlyWordAnswer(utterance: Utterance, lang: Language): boolean {
    const said = this.book.answers.all(utterance, lang);
    const spans = said.map((h) => h.found);
    return said.length > 0 && utterance.contentWordsOutside(lang, spans, this.book.filler(lang)).length === 0;
  }

  /**
   * The command the message gives, if any. Named with another one, help gives way to it ("cosa sai fare?
   * elenco argomenti" asks for the topics); a phrase that is also the step's answer is the answer ("nein,
   * doch nicht" at the confirmation); "nicht abbrechen" is none.
   */
  private commandIn(utterance: Utterance, lang: Language, step: Step | undefined): Hit<Command> | undefined {
    // "weiter" goes on with a running action; with none, or asked ("wie geht es weiter?"), it is no command.
    const asked = this.book.isQuestion(utterance, lang);
    const named = this.book.commands
      .all(utterance, lang)
      .filter((h) => h.key !== 'resume' || (step && !asked));
    // Named with another command, help and resume give way to it ("on reprend tout depuis le début" restarts).
    const command =
      named.find((h) => h.key !== 'help' && h.key !== 'resume') ??
      named.find((h) => h.key !== 'help') ??
      named[0];
    if (!command) return undefined;
    // Only an answer to this step's question: "doch nicht" is no at the confirmation, a cancel where a channel is chosen.
    const accepted = (step && WORD_ANSWERS_OF[step]) ?? [];
    // Every phrase of them: "je veux pas, laissez tomber" says no twice.
    const answers = accepted.flatMap((key) =>
      this.book.answers.spans(utterance, lang, key).map((found) => ({ key, found })),
    );
    const spans = this.book.commands.spans(utterance, lang, command.key);
    const within = (outer: readonly Hit<string>[]) =>
      spans.every((s) => outer.some((a) => a.found.start <= s.start && a.found.end >= s.end));
    // "sind Sie ein Mensch?" asks who writes; it asks for no person.
    const talk = this.book.smalltalk.longest(utterance, lang);
    if (within(answers) || within(talk ? [talk] : [])) return undefined;
    // "Kann ich nicht einfach jemanden anrufen?" asks for it: a negation in a yes/no question denies nothing.
    const rhetorical = asked && !this.book.startsWithQuestionWord(utterance, lang);
    if (!rhetorical && this.negated(utterance, lang, spans)) return undefined;
    return command;
  }

  /**
   * "nicht abbrechen", "non annullare": a negation just before each phrase of the command, in its clause; a
   * negation inside another phrase of it does not count ("non capisco come funziona, aiuto" asks for help).
   */
  private negated(utterance: Utterance, lang: Language, spans: readonly Found[]): boolean {
    const inPhrase = (at: number) => spans.some((s) => at >= s.start && at < s.end);
    const negations = this.book.negationsIn(utterance, lang).filter((at) => !inPhrase(at));
    return spans.every((found) => {
      const clause = utterance.clauseAt(lang, found.start);
      return negations.some((at) => at < found.start && at >= found.start - 2 && at >= clause.start);
    });
  }

  /**
   * An answer inside a question is part of the question: "Was kostet eine SMS?", "ab wann gibt es die für
   * dieses Jahr?" (a question word first), a longer question the FAQ answers, or a yes said in a question with
   * more to it ("ist das sicher?"). "Können Sie es per SMS schicken?" stays an answer.
   */
  private answerInQuestion(
    step: Step,
    utterance: Utterance,
    lang: Language,
    faqOutcome: () => MatchOutcome,
  ): boolean {
    const wordAnswer = WORD_ANSWER_STEPS.has(step);
    if ((!wordAnswer && step !== 'year') || !this.book.isQuestion(utterance, lang)) return false;
    if (this.book.startsWithQuestionWord(utterance, lang) || this.answerInAskingClause(step, utterance, lang))
      return true;
    // "kostet das SMS etwas?", "le sms est gratuit?": one of the step's questions, asked about a channel.
    if (wordAnswer && step !== 'confirm' && this.stepQuestionSaid(utterance, lang, step)) return true;
    // "ist das sicher?", "è più sicuro?": a yes/no with any other word, asked, is a question.
    if (step === 'confirm')
      return (
        utterance.words(lang).length >
        this.book.answers.all(utterance, lang).reduce((n, h) => n + h.found.end - h.found.start, 0)
      );
    // "via sms, ma quanto ci mette?": the answer in its own first clause is chosen, whatever follows it.
    const accepted = WORD_ANSWERS_OF[step] ?? [];
    const answeredFirst = this.book.answers
      .all(utterance, lang)
      .some((a) => accepted.includes(a.key) && this.ownFirstClause(utterance, lang, a.found));
    return (
      wordAnswer &&
      !answeredFirst &&
      utterance.words(lang).length > MAX_WORDS_OF_PLAIN_ANSWER &&
      faqOutcome().kind === 'answer'
    );
  }

  /** "ciao, scusi ma cos'è l'app authenticator?": the answer stands in a clause that a question word begins. */
  private answerInAskingClause(step: Step, utterance: Utterance, lang: Language): boolean {
    const accepted = WORD_ANSWERS_OF[step] ?? [];
    const breaks = new Set(languageModule(lang).clauseBreaks);
    const said = utterance.words(lang);
    const asking = this.book.questionWords
      .spans(utterance, lang, 'it')
      .map((found) => ({ found, clause: utterance.clauseAt(lang, found.start) }))
      // The clause may begin with its joining word ("ma cos'è", "aber was ist").
      .filter(({ found, clause }) => found.start === clause.start + Number(breaks.has(said[clause.start]!)))
      .map(({ clause }) => clause);
    return this.book.answers
      .all(utterance, lang)
      .some(
        (a) =>
          accepted.includes(a.key) &&
          asking.some((clause) => a.found.start >= clause.start && a.found.start < clause.end),
      );
  }

  /**
   * A request to run an action: said as a wish ("ich möchte …", "je veux …"), or naming what the action
   * needs ("Steuerbescheinigung vom letzten Jahr", "vom zweistufigen auf das dreistufige Login"). Asked as a
   * how-to question, it gets the FAQ answer (with the action's button) instead.
   */
  private actionRequest(
    utterance: Utterance,
    lang: Language,
    outcome: MatchOutcome,
    question: boolean,
    context: InterpretContext,
  ): { action: ActionId; slots: Slots } | { keyword: ActionId } | undefined {
    const wished = this.book.isWish(utterance, lang);
    const named = this.book.actions.longest(utterance, lang);
    // A negation outside the action's own phrase ("ohne Zusatzcode einloggen" keeps its own).
    const inPhrase = (at: number) => named !== undefined && at >= named.found.start && at < named.found.end;
    const negated = () => this.book.negationsIn(utterance, lang).some((at) => !inPhrase(at));
    // Asked or negated without a wish, only a switch naming both login modes is a request (below): the
    // action matcher, most of this method's time, cannot change the answer then.
    if (!wished && (question || negated()) && !this.namesSwitch(utterance, lang)) return undefined;
    const byPhrase: MatchOutcome = named
      ? { kind: 'answer', id: named.key, score: 1, candidates: [] }
      : this.actionMatchers[lang].matchQuestion(utterance.matchText);
    const top =
      outcome.kind === 'answer'
        ? outcome.id
        : outcome.kind === 'ambiguous'
          ? outcome.candidates[0]?.id
          : undefined;
    const byFaq = top === undefined ? undefined : context.faq.entry(top)?.action;
    /** The action whose phrases come nearest, even without a clear match. */
    const nearest = (byPhrase.kind === 'answer' ? byPhrase.id : byPhrase.candidates[0]?.id) as
      ActionId | undefined;
    const switchWord = this.book.loginSwitch.longest(utterance, lang) !== undefined;
    let action: ActionId | undefined;
    if (
      byPhrase.kind === 'answer' &&
      (wished || outcome.kind !== 'answer' || byPhrase.score > outcome.score)
    ) {
      action = byPhrase.id as ActionId;
    } else if (byFaq) {
      action = byFaq;
    } else if (
      outcome.kind !== 'answer' &&
      nearest === 'switch-login-steps' &&
      (switchWord || (wished && this.book.loginModes.longest(utterance, lang) !== undefined))
    ) {
      // "cambiare il tipo di accesso", "connexion à 3 niveaux svp": a verb of switching, or a wish for a login
      // mode, with words of the switch, no FAQ answer.
      action = nearest;
    }
    if (!action) return undefined;
    // "Adresse ändern", "cambiare il numero di telefono": a verb of switching with no word of the login asks to
    // change something else, which is out of scope; it starts no verification.
    if (action === 'switch-login-steps' && named === undefined && !this.aboutLogin(utterance, lang))
      return undefined;
    // At a prompt, another action only when said in its own words or the FAQ answers for it: "ancora una volta
    // per favore" at the code prompt is only similar to a phrase, and only a candidate of the FAQ.
    if (context.step && named === undefined && !(outcome.kind === 'answer' && byFaq === action))
      return undefined;
    const slots = this.slotsFor(action, utterance, lang, context.currentYear);
    const switchNamed = action === 'switch-login-steps' && this.namesSwitch(utterance, lang);
    // A phrase of the action found in the message; the phrases' matcher alone does not beat an FAQ answer.
    const chosenByPhrase =
      byPhrase.kind === 'answer' &&
      action === byPhrase.id &&
      (named !== undefined || outcome.kind !== 'answer');
    if (switchNamed) return { action, slots };
    // "e-mail avec le nouveau code pas reçu" reports a problem; it does not ask for a code.
    if (!wished && negated()) return undefined;
    if (question && !wished) return undefined;
    // "pourquoi j'ai besoin d'un code supplémentaire ?" at a prompt asks why, it asks for nothing.
    if (context.step && this.book.startsWithQuestionWord(utterance, lang)) return undefined;
    // "J'ai besoin d'un justificatif … Comment dois-je procéder?": a how-to question the FAQ answers.
    const howTo = utterance.asksQuestion && this.book.questionWords.all(utterance, lang).length > 0;
    if (howTo && outcome.kind === 'answer') return undefined;
    // "SMS", "Code", "Login": a keyword alone fits the action and several FAQ entries; unless the FAQ is sure
    // it means the action, the FAQ's "did you mean" asks which, and no verification starts.
    // "E-Mail ändern", "changer le numéro pour le code supplémentaire": a change of something else, or no word
    // of what the action delivers, is no request for it, whatever a phrase or a channel in it resembles.
    if (action !== 'switch-login-steps' && !this.namesObject(utterance, lang, action, named))
      return undefined;
    // "SMS", "code supplémentaire", "Steuerbescheinigung": a keyword or topic alone asks nothing to be done: the
    // FAQ's answer (with the action's button) when it is sure, else "did you mean" with the entry that offers it.
    const keyword =
      named === undefined &&
      !wished &&
      !switchWord &&
      utterance.contentWordsOutside(lang, [], this.book.filler(lang)).length <= MAX_WORDS_OF_KEYWORD;
    if (keyword && Object.keys(slots).length === 0)
      return outcome.kind === 'answer' ? undefined : { keyword: action };
    // "Steuerbescheinigung herunterladen": a verb of handing over asks like a wish.
    const requested = wished || this.book.requestVerbs.longest(utterance, lang) !== undefined;
    if (chosenByPhrase || requested || Object.keys(slots).length > 0) return { action, slots };
    // "Anmeldung umstellen": a verb of switching is the request itself.
    return action === 'switch-login-steps' && switchWord ? { action, slots } : undefined;
  }

  /**
   * The message names what the action delivers ("einen Code", "attestation fiscale") in its own phrase or
   * beside it, and asks to change nothing ("E-Mail-Adresse ändern" asks for no code).
   */
  private namesObject(
    utterance: Utterance,
    lang: Language,
    action: Exclude<ActionId, 'switch-login-steps'>,
    named: Hit<ActionId> | undefined,
  ): boolean {
    if (this.book.change.longest(utterance, lang)) return false;
    return named?.key === action || this.book.actionObjects.spans(utterance, lang, action).length > 0;
  }

  /** "vom zweistufigen auf das dreistufige Login wechseln": a verb of switching and both login modes. */
  private namesSwitch(utterance: Utterance, lang: Language): boolean {
    return (
      this.book.loginModes.all(utterance, lang).length === 2 &&
      this.book.loginSwitch.longest(utterance, lang) !== undefined
    );
  }

  /** What the request already says that the action would ask for. */
  slotsFor(action: ActionId, utterance: Utterance, lang: Language, currentYear: number): Slots {
    const definition = actionDefinition(action);
    const slots: Slots = {};
    if (definition.slots.includes('channel')) {
      const channel = channelIn(utterance, lang, this.book, definition.channels);
      if (channel) slots.channel = channel;
    }
    if (definition.slots.includes('year')) {
      const year = yearIn(utterance, lang, this.book, currentYear);
      if (year !== undefined) slots.year = year;
    }
    // A mode is the target when said as a switch, a wish, in the action's own phrase ("ohne Zusatzcode
    // einloggen") or with the second factor to use ("login a 3 livelli con l'app authenticator").
    const switching =
      this.book.loginSwitch.longest(utterance, lang) !== undefined ||
      this.book.isWish(utterance, lang) ||
      this.book.actions.longest(utterance, lang)?.key === action ||
      slots.channel !== undefined;
    if (definition.slots.includes('direction') && switching) {
      const direction = this.directionIn(utterance, lang);
      if (direction) slots.direction = direction;
    }
    return slots;
  }

  /** The message names the login (faq/phrases.yaml `loginTopic`) or one of its modes. */
  private aboutLogin(utterance: Utterance, lang: Language): boolean {
    return (
      this.book.loginTopic.longest(utterance, lang) !== undefined ||
      this.book.loginModes.longest(utterance, lang) !== undefined
    );
  }

  /** "vom zweistufigen auf das dreistufige" → three-step (the later named); one mode named is the target. */
  private directionIn(utterance: Utterance, lang: Language): LoginMode | undefined {
    const modes = this.book.loginModes.all(utterance, lang);
    return modes[modes.length - 1]?.key;
  }

  /** Nothing understood in `current` (not even what it asks about); `other` offers candidates or knows the topic. */
  private understoodBetter(other: Interpretation, current: Interpretation): boolean {
    if (current.kind !== 'fallback' || current.about) return false;
    return other.kind === 'ambiguous' || (other.kind === 'fallback' && other.about !== undefined);
  }

  /** The message has more words the FAQ and phrases of `other` know than words of the conversation's language. */
  private moreWordsOf(utterance: Utterance, other: Language, context: InterpretContext): boolean {
    const vocabulary = this.vocabulary(context.faq);
    const said = utterance.words('fr');
    const known = (lang: Language) => said.filter((w) => vocabulary[lang].has(w)).length;
    return known(other) > known(context.language);
  }

  /**
   * For a message nothing understood: the other language whose FAQ and phrases know words of it that the
   * current language's do not, while the current language knows none the other does not ("Adresse ändern"
   * in a French conversation is German).
   */
  private distinctLanguage(utterance: Utterance, context: InterpretContext): Language | undefined {
    const vocabulary = this.vocabulary(context.faq);
    const said = utterance.words('fr');
    const own = vocabulary[context.language];
    const distinct = LANGUAGES.filter((lang) => lang !== context.language).filter((lang) => {
      const theirs = vocabulary[lang];
      const onlyTheirs = said.filter((w) => theirs.has(w) && !own.has(w)).length;
      const onlyOwn = said.filter((w) => own.has(w) && !theirs.has(w)).length;
      return onlyTheirs > 0 && onlyOwn === 0;
    });
    return distinct.length === 1 ? distinct[0] : undefined;
  }

  private vocabulary(faq: FaqIndex): Record<Language, ReadonlySet<string>> {
    let known = this.vocabularies.get(faq);
    if (!known) {
      known = Object.fromEntries(
        LANGUAGES.map((lang) => {
          const texts = faq.faq.entries.flatMap((e) => [
            e.text[lang].question,
            ...e.text[lang].alternates,
            e.text[lang].answer,
          ]);
          const phrases = Object.values(this.book.content.actions).flatMap((t) => t[lang]);
          return [
            lang,
            new Set([...texts, ...phrases].flatMap((t) => words(t, 'fr')).filter((w) => !/\d/.test(w))),
          ];
        }),
      ) as unknown as Record<Language, ReadonlySet<string>>;
      this.vocabularies.set(faq, known);
    }
    return known;
  }
}
