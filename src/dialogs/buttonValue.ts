import { z } from 'zod';
import { ACTION_IDS } from '../actions/catalog';
import { SUPPORT_REASONS } from '../actions/supportRequests';
import { LANGUAGES } from '../language';

/**
 * What a button carries back to the bot (activity.value of messageBack, postBack or an Adaptive Card
 * submit). Checked with zod: a value from the client is untrusted input like any text.
 */
export const buttonValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('faq'), id: z.string().max(100) }),
  z.object({ kind: z.literal('category'), id: z.string().max(100) }),
  z.object({ kind: z.literal('language'), lang: z.enum(LANGUAGES) }),
  /** `reason`: what the offer of a support request followed (metrics). */
  z.object({
    kind: z.literal('action'),
    id: z.enum(ACTION_IDS),
    reason: z.enum(SUPPORT_REASONS).optional(),
  }),
  z.object({ kind: z.literal('none-of-these') }),
  z.object({ kind: z.literal('topics') }),
  z.object({ kind: z.literal('help') }),
  /** An answer to the question a running action asked (a channel, a year, yes or no). */
  z.object({ kind: z.literal('choice'), value: z.string().max(100) }),
  /** Go on with the running action (buttons of earlier versions, still in chat histories), or stop it. */
  z.object({ kind: z.literal('resume') }),
  z.object({ kind: z.literal('cancel') }),
  /** The support request form (Adaptive Card, Teams): its inputs, checked by the form's prompt. */
  z.object({
    kind: z.literal('support-form'),
    topic: z.string().max(5000).optional(),
    description: z.string().max(5000).optional(),
    contact: z.string().max(5000).optional(),
    consent: z.string().max(100).optional(),
  }),
  /** "Was this helpful?" under an FAQ answer. */
  z.object({ kind: z.literal('feedback'), id: z.string().max(100), helpful: z.boolean() }),
]);
export type ButtonValue = z.infer<typeof buttonValueSchema>;
