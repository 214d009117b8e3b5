import { z } from 'zod';
import { SUPPORT_REASONS } from '../actions/supportRequests';
import { LANGUAGES } from '../language';

export const OUTCOMES = ['answer', 'ambiguous', 'fallback'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const at = z.iso.datetime();
const lang = z.enum(LANGUAGES);

/**
 * A question the FAQ matcher decided on. Only questions the bot could not answer keep their text
 * (personal data masked): those are what support staff write new alternates and entries from.
 */
export const questionEventSchema = z.strictObject({
  type: z.literal('question'),
  at,
  lang,
  outcome: z.enum(OUTCOMES),
  /** The entry answered with (outcome "answer"). */
  entryId: z.string().optional(),
  /** The question as typed, masked (outcomes "ambiguous" and "fallback"). */
  text: z.string().optional(),
  /** The best-scoring entries, best first. */
  candidates: z.array(z.strictObject({ id: z.string(), score: z.number() })),
});

/** A user's "was this helpful?" answer to an FAQ answer. */
export const feedbackEventSchema = z.strictObject({
  type: z.literal('feedback'),
  at,
  lang,
  entryId: z.string(),
  helpful: z.boolean(),
});

/**
 * How a person showed which entry answers a wording the bot did not: picked it from "did you mean", got it
 * by rephrasing right after no answer, or got it after rating another answer "not helpful".
 */
export const SUGGESTION_SOURCES = ['did-you-mean', 'rephrased', 'not-helpful'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/** A candidate alternate: the wording (masked) for the entry that turned out to answer it (`faq -- suggest`). */
export const suggestionEventSchema = z.strictObject({
  type: z.literal('suggestion'),
  at,
  lang,
  entryId: z.string(),
  text: z.string(),
  source: z.enum(SUGGESTION_SOURCES),
});

/** A support request sent to the web support: what the offer followed, and the entries its summary names. */
export const supportRequestEventSchema = z.strictObject({
  type: z.literal('support-request'),
  at,
  lang,
  reason: z.enum(SUPPORT_REASONS),
  entryIds: z.array(z.string()),
});

export const insightEventSchema = z.discriminatedUnion('type', [
  questionEventSchema,
  feedbackEventSchema,
  suggestionEventSchema,
  supportRequestEventSchema,
]);
export type QuestionEvent = z.infer<typeof questionEventSchema>;
export type FeedbackEvent = z.infer<typeof feedbackEventSchema>;
export type SuggestionEvent = z.infer<typeof suggestionEventSchema>;
export type SupportRequestEvent = z.infer<typeof supportRequestEventSchema>;
export type InsightEvent = z.infer<typeof insightEventSchema>;
