import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ACTION_IDS, type ActionId, type LoginMode, type VerificationChannel } from '../actions/catalog';
import { ContentError, type ContentProblem } from '../faq/loader';
import { words } from '../faq/normalize';
import { parseYamlText } from '../faq/yamlFile';
import { LANGUAGES, type Language } from '../language';

export const PHRASES_FILE = 'phrases.yaml';

const phrase = z.string().trim().min(1, 'must not be empty');
const phraseList = z
  .array(phrase)
  .min(1, 'needs at least one phrase')
  .refine((list) => new Set(list.map((p) => p.toLowerCase())).size === list.length, 'has duplicate phrases');
/** One list per language. */
const trilingual = z.strictObject(
  { de: phraseList, fr: phraseList, it: phraseList },
  { error: (issue) => (issue.input === undefined ? 'is missing' : undefined) },
);
const table = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, trilingual])) as Record<K, typeof trilingual>);

export const COMMANDS = ['cancel', 'help', 'restart', 'human', 'topics', 'resume'] as const;
export type Command = (typeof COMMANDS)[number];
export const SMALLTALK = ['greeting', 'thanks', 'goodbye', 'wait', 'bot'] as const;
export type Smalltalk = (typeof SMALLTALK)[number];
export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];
export const RELATIVE_YEARS = ['thisYear', 'lastYear', 'yearBeforeLast'] as const;
export type RelativeYear = (typeof RELATIVE_YEARS)[number];

/** What a question about the running step can be about (faq/phrases.yaml `stepQuestions`). */
export const STEP_TOPICS = ['contract', 'channel', 'code', 'confirm', 'year'] as const;
export type StepTopic = (typeof STEP_TOPICS)[number];

const CHANNELS = ['sms', 'email', 'totp'] as const satisfies readonly VerificationChannel[];
/** The actions whose object is named in `actionObjects`; the login switch's is `loginTopic`. */
export const ACTIONS_WITH_OBJECTS = ACTION_IDS.filter(
  (id): id is Exclude<ActionId, 'switch-login-steps'> => id !== 'switch-login-steps',
) as readonly Exclude<ActionId, 'switch-login-steps'>[] as readonly [
  Exclude<ActionId, 'switch-login-steps'>,
  ...Exclude<ActionId, 'switch-login-steps'>[],
];
export type ActionWithObject = (typeof ACTIONS_WITH_OBJECTS)[number];
const LOGIN_MODES = ['two-step', 'three-step'] as const satisfies readonly LoginMode[];

export const phrasesFileSchema = z.strictObject({
  commands: table(COMMANDS),
  smalltalk: table(SMALLTALK),
  languages: trilingual,
  languageCues: trilingual,
  filler: trilingual,
  wish: trilingual,
  questionWords: trilingual,
  preference: trilingual,
  negation: trilingual,
  loginSwitch: trilingual,
  loginTopic: trilingual,
  actionObjects: table(ACTIONS_WITH_OBJECTS),
  change: trilingual,
  requestVerbs: trilingual,
  questionJoins: trilingual,
  actions: table(ACTION_IDS),
  answers: table([...CHANNELS, ...YES_NO]),
  years: table(RELATIVE_YEARS),
  loginModes: table(LOGIN_MODES),
  stepQuestions: table(STEP_TOPICS),
});
export type PhrasesFile = z.infer<typeof phrasesFileSchema>;
export type Trilingual = Readonly<Record<Language, readonly string[]>>;

/** The phrases the bot understands besides FAQ questions (faq/phrases.yaml), validated. */
export interface PhraseContent {
  commands: Readonly<Record<Command, Trilingual>>;
  smalltalk: Readonly<Record<Smalltalk, Trilingual>>;
  languages: Trilingual;
  languageCues: Trilingual;
  filler: Trilingual;
  wish: Trilingual;
  questionWords: Trilingual;
  preference: Trilingual;
  negation: Trilingual;
  loginSwitch: Trilingual;
  loginTopic: Trilingual;
  /** What an action delivers ("Code", "attestation fiscale"): a request for it names it. */
  actionObjects: Readonly<Record<ActionWithObject, Trilingual>>;
  /** Verbs of changing something ("ändern", "modifier"): asked of a code or certificate, another task. */
  change: Trilingual;
  /** Verbs that ask to hand something over ("herunterladen", "télécharger"): with the object, a request. */
  requestVerbs: Trilingual;
  /** Words joining two questions in one message ("und", "et", "e"). */
  questionJoins: Trilingual;
  actions: Readonly<Record<ActionId, Trilingual>>;
  answers: Readonly<Record<VerificationChannel | YesNo, Trilingual>>;
  years: Readonly<Record<RelativeYear, Trilingual>>;
  loginModes: Readonly<Record<LoginMode, Trilingual>>;
  stepQuestions: Readonly<Record<StepTopic, Trilingual>>;
}

/** The value at a zod issue's path, for a message that shows what is wrong. */
function valueAt(raw: unknown, keys: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of keys) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/**
 * Reads faq/phrases.yaml; throws ContentError naming file, field and value of every problem. A phrase
 * must keep at least one word once punctuation is gone ("?!" cannot be understood).
 */
export function loadPhrases(dir: string): PhraseContent {
  const file = PHRASES_FILE;
  const full = path.join(dir, file);
  if (!existsSync(full)) throw new ContentError([{ file, message: 'file is missing' }]);
  const read = parseYamlText(readFileSync(full, 'utf8'));
  if ('error' in read) {
    throw new ContentError([
      { file, message: `cannot be read as YAML: ${read.error.message.split('\n')[0]}` },
    ]);
  }
  const raw = read.data;
  const parsed = phrasesFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ContentError(
      parsed.error.issues.map((issue): ContentProblem => {
        const value = valueAt(raw, issue.path);
        const shown = value === undefined || typeof value === 'object' ? '' : ` (value "${String(value)}")`;
        return { file, field: issue.path.join('.') || undefined, message: `${issue.message}${shown}` };
      }),
    );
  }
  const problems: ContentProblem[] = [];
  walk(parsed.data, [], (list, field) => {
    const lang = field[field.length - 1] as Language;
    list.forEach((p, i) => {
      if (words(p, lang).length === 0)
        problems.push({ file, field: [...field, i].join('.'), message: `"${p}" has no word in it` });
    });
  });
  if (problems.length > 0) throw new ContentError(problems);
  return parsed.data;
}

/** Calls `visit` with every phrase list of the file and its path ("commands.cancel.de"). */
function walk(node: unknown, at: string[], visit: (list: string[], field: string[]) => void): void {
  if (Array.isArray(node)) {
    if ((LANGUAGES as readonly string[]).includes(at[at.length - 1] ?? '')) visit(node as string[], at);
    return;
  }
  if (node && typeof node === 'object')
    for (const [key, child] of Object.entries(node)) walk(child, [...at, key], visit);
}
