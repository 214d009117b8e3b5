import type { ActionId, VerificationChannel } from '../actions/catalog';
import { LANGUAGES, type Language } from '../language';
import { languageModule } from '../languages';
import { contactIn } from '../security/contact';
import { CONTRACT_NUMBER_SPELLING, parseContractNumber } from '../security/contractNumber';
import type { PhraseBook } from './phraseBook';
import type { RelativeYear, StepTopic, YesNo } from './phraseContent';
import type { Found, Utterance } from './utterance';

/** The questions the actions ask; each expects its own kind of answer. */
export const STEPS = [
  'contract',
  'channel',
  'requestCodeChannel',
  'code',
  'confirm',
  'year',
  'topic',
  'description',
  'contact',
] as const;
export type Step = (typeof STEPS)[number];

/** The channels each channel question accepts. */
const CHANNELS_OF: Partial<Record<Step, readonly VerificationChannel[]>> = {
  channel: ['sms', 'email', 'totp'],
  requestCodeChannel: ['sms', 'email'],
};

/** What a question at each step may be about ("Wie lange ist der Code gültig?" where a channel is chosen). */
export const STEP_TOPICS_OF: Partial<Record<Step, readonly StepTopic[]>> = {
  // A code is sent once the person is identified: "Wie lange ist der Code gültig?" is asked here too.
  contract: ['contract', 'code'],
  channel: ['channel', 'code'],
  requestCodeChannel: ['channel', 'code'],
  code: ['code'],
  confirm: ['confirm'],
  year: ['year'],
};

/**
 * The step whose few words (locales: steps.<step>.about) explain a topic asked about at `step`. Each step's own
 * words cover its topics, but the contract number's, which say nothing of the code to come: "Wie lange ist der
 * Code gültig?" there gets the code step's words.
 */
export function aboutStepOf(step: Step, topic: StepTopic): Step {
  return step === 'contract' ? topic : step;
}

/** The action that asks a question, where only one does (the year is asked only for a tax certificate). */
export const ACTION_OF_STEP: Partial<Record<Step, ActionId>> = {
  requestCodeChannel: 'request-code',
  confirm: 'switch-login-steps',
  year: 'tax-certificate',
};

/** Steps whose answer is a word ("SMS", "ja", "letztes Jahr"): inside a question it may be a question. */
export const WORD_ANSWER_STEPS: ReadonlySet<Step> = new Set(['channel', 'requestCodeChannel', 'confirm']);

/** The word answers each such step takes (faq/phrases.yaml `answers`). */
export const WORD_ANSWERS_OF: Partial<Record<Step, readonly (VerificationChannel | YesNo)[]>> = {
  ...CHANNELS_OF,
  confirm: ['yes', 'no'],
};

/** Steps whose answer is a number (a contract number, a code, a year). */
export const NUMBER_ANSWER_STEPS: ReadonlySet<Step> = new Set(['contract', 'code', 'year']);

/** Steps whose answer is the person's own text (a support request's topic and description). */
export const FREE_TEXT_STEPS: ReadonlySet<Step> = new Set(['topic', 'description']);

/** The longest topic and description the web support takes (docs/openapi.yaml). */
export const FREE_TEXT_MAX: Readonly<Record<'topic' | 'description', number>> = {
  topic: 200,
  description: 2000,
};

/** Words a support request's description has at least ("ja", "oui", "sì", "Passwort" are asked again). */
const MIN_DESCRIPTION_WORDS = 2;

/** The answer to the proposed topic that keeps it: a "yes" or the button. */
export const KEEP_TOPIC = 'keep';

const YEAR_OFFSETS: Record<RelativeYear, number> = { thisYear: 0, lastYear: 1, yearBeforeLast: 2 };

const CONTRACT_NUMBER = new RegExp(CONTRACT_NUMBER_SPELLING, 'iu');

/** Digits and what separates their groups ("1234 5678", "1234-5678"). */
const DIGIT_GROUP = /\d[\d\s\p{Pd}./]*\d/gu;

/**
 * "KPT12345678", "kpt 1234 5678", "meine Nummer ist KPT-1234-5678", "CPT12345678" → "KPT12345678". Asked for
 * the contract number, the eight digits without the prefix ("12345678", "es ist 1234 5678") are the number too,
 * when no other number is said.
 */
export function contractIn(text: string): string | undefined {
  const candidate = text.match(CONTRACT_NUMBER)?.[0];
  if (candidate !== undefined) return parseContractNumber(candidate);
  const groups = text.match(DIGIT_GROUP) ?? [];
  return groups.length === 1 ? parseContractNumber(`KPT${groups[0]!}`) : undefined;
}

/** Six digits, spaces or dashes forgiven ("123 456", "der Code ist 123456"); never part of a longer number. */
export function codeIn(text: string): string | undefined {
  const codes = (text.match(/\d[\d\s-]*\d/g) ?? [])
    .map((group) => group.replace(/[\s-]/g, ''))
    .filter((digits) => digits.length === 6);
  return codes.length === 1 ? codes[0] : undefined;
}

/** A year written as digits, or said in words relative to the current year ("letztes Jahr"). */
export function yearIn(
  utterance: Utterance,
  lang: Language,
  book: PhraseBook,
  currentYear: number,
): number | undefined {
  // "2024 und 2023" names no one year: the question comes again.
  const explicit = new Set(utterance.text.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []);
  if (explicit.size > 1) return undefined;
  if (explicit.size === 1) return Number([...explicit][0]);
  const relative = book.years.longest(utterance, lang);
  return relative ? currentYear - YEAR_OFFSETS[relative.key] : spelledYearIn(utterance, lang, currentYear);
}

/** "zweitausendvierundzwanzig", "deux mille vingt-quatre", "duemilaventiquattro": a recent year in words. */
function spelledYearIn(utterance: Utterance, lang: Language, currentYear: number): number | undefined {
  const { spellYear } = languageModule(lang);
  if (!spellYear) return undefined;
  const said = utterance.words(lang).join('');
  const years = Array.from({ length: SHORT_YEAR_SPAN }, (_, i) => currentYear - i);
  const spelled = years
    .map((year) => ({ year, words: spellYear(year) }))
    .filter((y): y is { year: number; words: string } => y.words !== undefined && said.includes(y.words))
    // "deux mille vingt" is inside "deux mille vingt-quatre": the longest wins.
    .sort((a, b) => b.words.length - a.words.length);
  return spelled[0]?.year;
}

/** How far back a year written with two digits may go ("24" asked for a certificate is 2024, "98" is nothing). */
const SHORT_YEAR_SPAN = 20;

/** Asked for a year, "24", "das von 24", "l'année '24" mean 2024: one two-digit number, no other digits. */
function shortYearIn(text: string, currentYear: number): number | undefined {
  const numbers = text.match(/\d+/g) ?? [];
  if (numbers.length !== 1 || numbers[0]!.length !== 2) return undefined;
  const year = 2000 + Number(numbers[0]);
  return year <= currentYear && year > currentYear - SHORT_YEAR_SPAN ? year : undefined;
}

/** The channel the message names, among those the step accepts ("per SMS bitte" → sms). */
export function channelIn(
  utterance: Utterance,
  lang: Language,
  book: PhraseBook,
  accepted: readonly VerificationChannel[] = ['sms', 'email', 'totp'],
): VerificationChannel | undefined {
  const said = book.answers
    .all(utterance, lang)
    .filter((h): h is typeof h & { key: VerificationChannel } =>
      (accepted as readonly string[]).includes(h.key),
    );
  // "ich habe kein Handy", "le SMS marche pas chez moi": a channel said not to work is not the answer.
  const preferred = book.preference.longest(utterance, lang)?.found;
  const negated = negatedChannels(said, book.negationsIn(utterance, lang), preferred, (at) =>
    utterance.clauseAt(lang, at),
  );
  const named = said.filter((h) => !negated.has(h));
  if (named.length === 1) return named[0]!.key;
  // "ich habe mein Handy verloren, bitte per E-Mail": of two in their own clauses, the one said alone there.
  const alone = named.filter((h) => {
    const clause = utterance.clauseAt(lang, h.found.start);
    const others = named.filter((o) => o !== h).map((o) => o.found);
    return utterance.contentWordsOutside(lang, [h.found, ...others], book.filler(lang), clause).length === 0;
  });
  if (named.length === 2 && alone.length === 1 && preferred === undefined) return alone[0]!.key;
  // Two named: the one said to be preferred ("lieber E-Mail, das Handy ist leer").
  if (preferred === undefined) return undefined;
  return named.find((h) => h.found.start >= preferred.end && h.found.start <= preferred.end + 1)?.key;
}

/** How far a negation reaches: "kein Handy", "nicht per SMS" (before), "SMS geht bei mir nicht" (after). */
const NEGATION_BEFORE = 3;
const NEGATION_AFTER = 4;

/**
 * Each negation denies the channel right after it in its clause ("kein Handy"), else the one said shortly
 * before it ("SMS geht nicht", "le SMS ça marche pas, par mail"); never one after a word of preference
 * ("SMS geht nicht, nimm Mail").
 */
function negatedChannels<T extends { found: Found }>(
  channels: readonly T[],
  negations: readonly number[],
  preferred: Found | undefined,
  clauseAt: (at: number) => Found,
): Set<T> {
  const negated = new Set<T>();
  for (const at of negations) {
    const clause = clauseAt(at);
    const after = channels.find(
      (c) =>
        c.found.start > at &&
        c.found.start <= at + NEGATION_BEFORE &&
        c.found.start < clause.end &&
        !(preferred && preferred.start > at && preferred.start < c.found.start),
    );
    const before = [...channels]
      .reverse()
      .find((c) => c.found.end <= at && c.found.end > at - NEGATION_AFTER && c.found.start >= clause.start);
    const denied = after ?? before;
    if (denied) negated.add(denied);
  }
  return negated;
}

/**
 * The answer the step's question expects, as the dialog uses it (a canonical contract number, "sms",
 * "123456", "yes", "2024"), or undefined when the message is no such answer.
 */
export function answerFor(
  step: Step,
  utterance: Utterance,
  lang: Language,
  book: PhraseBook,
  currentYear: number,
): string | undefined {
  switch (step) {
    case 'contract':
      return contractIn(utterance.text);
    case 'code':
      return codeIn(utterance.text);
    case 'year': {
      const year = yearIn(utterance, lang, book, currentYear) ?? shortYearIn(utterance.text, currentYear);
      return year === undefined ? undefined : String(year);
    }
    case 'confirm':
      return yesOrNo(utterance, lang, book);
    case 'topic':
      // "ja", "ok" keep the topic proposed; anything else is the new topic.
      if (yesOrNo(utterance, lang, book) === 'yes' && utterance.words(lang).length <= 2) return KEEP_TOPIC;
      return freeText(utterance.text, FREE_TEXT_MAX.topic);
    case 'description':
      return descriptionIn(utterance, lang);
    case 'contact': {
      const contact = contactIn(utterance.text);
      return contact && `${contact.kind}:${contact.value}`;
    }
    case 'channel':
    case 'requestCodeChannel':
      // "E-Mail-Adresse im Profil ändern", "modifier adresse email profil" (in any of the languages): a channel to
      // be changed is not chosen.
      if (
        LANGUAGES.some((l) => book.change.longest(utterance, l)) &&
        !book.preference.longest(utterance, lang)
      )
        return undefined;
      return channelIn(utterance, lang, book, CHANNELS_OF[step]);
  }
}

/** "nicht sicher", "non sono sicuro": a yes said with a negation just before it is no yes. */
function yesOrNo(utterance: Utterance, lang: Language, book: PhraseBook): 'yes' | 'no' | undefined {
  const negations = book.negationsIn(utterance, lang);
  const said = book.answers
    .all(utterance, lang)
    .filter((h) => h.key === 'yes' || h.key === 'no')
    .filter((h) => h.key === 'no' || !negations.some((at) => at < h.found.start && at >= h.found.start - 2));
  return said.length === 1 ? (said[0]!.key as 'yes' | 'no') : undefined;
}

/**
 * A support request's description, typed in the chat or into the Teams form: one word ("ja", "oui", "sì",
 * "Passwort") describes nothing the web support can act on, and it fits the request.
 */
export function descriptionIn(utterance: Utterance, lang: Language): string | undefined {
  if (utterance.words(lang).length < MIN_DESCRIPTION_WORDS) return undefined;
  return freeText(utterance.text, FREE_TEXT_MAX.description);
}

/** The person's text as written, or undefined when it is too long to send. */
function freeText(text: string, max: number): string | undefined {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : undefined;
}
