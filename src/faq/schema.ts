import { z } from 'zod';
import { ACTION_IDS } from '../actions/catalog';

/** The least number of alternate phrasings per entry and language. */
export const MIN_ALTERNATES = 8;

const text = z.string().trim().min(1, 'must not be empty');

const localizedEntrySchema = z.strictObject(
  {
    question: text,
    alternates: z
      .array(text)
      .min(MIN_ALTERNATES, `needs at least ${MIN_ALTERNATES} alternates`)
      .refine(
        (list) => new Set(list.map((a) => a.toLowerCase())).size === list.length,
        'has duplicate alternates',
      ),
    answer: text,
  },
  { error: (issue) => (issue.input === undefined ? 'this language is missing' : undefined) },
);

export const entryFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'),
  category: text,
  followUps: z.array(z.string()).default([]),
  action: z.enum(ACTION_IDS).optional(),
  /** Who answers for the entry's content (a team or a person's role, not an e-mail address). */
  owner: text.optional(),
  /** The date by which the entry is to be read again; `faq -- check` warns after it. */
  reviewBy: z.iso.date('must be a date like 2027-03-31').optional(),
  de: localizedEntrySchema,
  fr: localizedEntrySchema,
  it: localizedEntrySchema,
});
export type EntryFile = z.infer<typeof entryFileSchema>;

/** Per language: a word as the FAQ writes it → the ways users write it otherwise (dialect, colloquial). */
const languageSynonymsSchema = z.record(text, z.array(text).min(1, 'needs at least one variant')).default({});

export const synonymsFileSchema = z.strictObject({
  de: languageSynonymsSchema,
  fr: languageSynonymsSchema,
  it: languageSynonymsSchema,
});

const languageNeighboursSchema = z
  .record(
    z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'),
    z.array(text).min(1, 'needs at least one question'),
  )
  .default({});

export const neighboursFileSchema = z.strictObject({
  de: languageNeighboursSchema,
  fr: languageNeighboursSchema,
  it: languageNeighboursSchema,
});

export const categoriesFileSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'),
      de: text,
      fr: text,
      it: text,
    }),
  )
  .min(1, 'needs at least one category');

/** A value per language; each may differ (the support line of each language). */
const perLanguage = (value: z.ZodType<string>) => z.strictObject({ de: value, fr: value, it: value });

/** Swiss numbers as people write them: "0800 815 415", "+41 58 585 83 48". */
const phoneNumber = text.regex(/^(?:\+41|0)(?:[\s.]?\d){8,11}$/, 'must be a Swiss phone number like 0800 815 415');

/** faq/facts.yaml: the facts the bot's messages interpolate ({{phone}}, {{email}}) and answers must agree with. */
export const factsFileSchema = z.strictObject({
  phone: perLanguage(phoneNumber),
  email: perLanguage(z.string().trim().pipe(z.email('must be an e-mail address'))),
});
