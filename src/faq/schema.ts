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
