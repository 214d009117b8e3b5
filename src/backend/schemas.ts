// Wire schemas of docs/openapi.yaml. The client parses every response with them; the sandbox uses
// the request schemas and the wire (input) types so both sides cannot drift apart silently.
import { z } from 'zod';
import { MAX_SUMMARY_ITEMS, SUPPORT_OUTCOMES } from '../actions/supportRequests';
import { LANGUAGES } from '../language';

export const CONTRACT_NUMBER_PATTERN = /^KPT\d{8}$/;
export const VERIFICATION_CODE_PATTERN = /^\d{6}$/;

export const ContractNumberSchema = z.string().regex(CONTRACT_NUMBER_PATTERN);
export const VerificationCodeSchema = z.string().regex(VERIFICATION_CODE_PATTERN);
export const ChallengeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
export const ChannelSchema = z.enum(['sms', 'email', 'totp']);
export const LoginCodeChannelSchema = z.enum(['sms', 'email']);
export const LoginModeSchema = z.enum(['two-step', 'three-step']);
export const YearSchema = z.int().min(1900).max(2999);
const MaskedDestinationSchema = z.string().min(1).max(100);
// On the wire an ISO 8601 string; callers get a Date.
const TimestampSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const CreateChallengeRequestSchema = z.strictObject({
  contractNumber: ContractNumberSchema,
  channel: ChannelSchema,
});
export const VerificationRequestSchema = z.strictObject({ code: VerificationCodeSchema });
export const LoginCodeRequestSchema = z.strictObject({
  contractNumber: ContractNumberSchema,
  channel: LoginCodeChannelSchema,
});
export const LoginModeBodySchema = z.strictObject({ mode: LoginModeSchema });

export const E164_PHONE_PATTERN = /^\+[1-9]\d{6,14}$/;
const SupportContactSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), value: z.email().max(254) }),
  z.strictObject({ kind: z.literal('phone'), value: z.string().regex(E164_PHONE_PATTERN) }),
]);
export const SupportRequestSchema = z.strictObject({
  topic: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  contact: SupportContactSchema,
  language: z.enum(LANGUAGES),
  contractNumber: z.union([ContractNumberSchema, z.literal('unverified')]),
  summary: z
    .array(
      z.strictObject({
        question: z.string().max(300),
        entryId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,79}$/)
          .optional(),
        outcome: z.enum(SUPPORT_OUTCOMES),
      }),
    )
    .max(MAX_SUMMARY_ITEMS),
  // Without the person's consent nothing may be sent.
  consent: z.literal(true),
});

// Responses are open objects: the contract allows new fields, which are dropped here.
export const ChallengeSchema = z.object({
  challengeId: ChallengeIdSchema,
  channel: ChannelSchema,
  expiresAt: TimestampSchema,
  maskedDestination: MaskedDestinationSchema.optional(),
});
export const AccessGrantSchema = z.object({
  accessToken: z.string().min(16).max(4096),
  expiresAt: TimestampSchema,
});
/** What the backend did, as the person quotes it (docs/openapi.yaml Reference): KPT-2026-000123. */
export const ReferenceSchema = z.string().regex(/^(KPT|CPT)-\d{4}-\d{6}$/);
export const LoginCodeSentSchema = z.object({
  maskedDestination: MaskedDestinationSchema.optional(),
  reference: ReferenceSchema,
});
export const LoginModeResponseSchema = z.object({ mode: LoginModeSchema });
export const LoginModeChangedSchema = z.object({ mode: LoginModeSchema, reference: ReferenceSchema });
export const TaxCertificateSchema = z.object({ year: YearSchema, issuedAt: TimestampSchema });
export const SupportRequestCreatedSchema = z.object({
  reference: ReferenceSchema,
  createdAt: TimestampSchema,
});
export const TaxCertificateListSchema = z.object({ certificates: z.array(TaxCertificateSchema) });

export const PROBLEM_CODES = [
  'validation_failed',
  'unauthorized',
  'invalid_code',
  'challenge_not_found',
  'challenge_expired',
  'code_already_used',
  'locked',
  'certificate_not_found',
  'not_found',
  'idempotency_key_mismatch',
  'rate_limited',
  'service_unavailable',
] as const;
export const ProblemCodeSchema = z.enum(PROBLEM_CODES);
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().min(400).max(599),
  code: ProblemCodeSchema,
  detail: z.string().optional(),
  attemptsRemaining: z.int().min(0).optional(),
});

export type Channel = z.infer<typeof ChannelSchema>;
export type LoginCodeChannel = z.infer<typeof LoginCodeChannelSchema>;
export type LoginMode = z.infer<typeof LoginModeSchema>;
export type ProblemCode = z.infer<typeof ProblemCodeSchema>;
export type Challenge = z.infer<typeof ChallengeSchema>;
export type AccessGrant = z.infer<typeof AccessGrantSchema>;
export type LoginCodeSent = z.infer<typeof LoginCodeSentSchema>;
export type LoginModeChanged = z.infer<typeof LoginModeChangedSchema>;
/** A tax certificate handed over: the PDF and the reference of the handover (`Reference` header). */
export interface TaxCertificateDocument {
  pdf: Uint8Array;
  reference: string;
}
export type TaxCertificate = z.infer<typeof TaxCertificateSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type SupportRequest = z.infer<typeof SupportRequestSchema>;
export type SupportRequestCreated = z.infer<typeof SupportRequestCreatedSchema>;

/** JSON bodies as they travel (dates as strings): what a server must produce. */
export type ChallengeWire = z.input<typeof ChallengeSchema>;
export type AccessGrantWire = z.input<typeof AccessGrantSchema>;
export type LoginCodeSentWire = z.input<typeof LoginCodeSentSchema>;
export type LoginModeChangedWire = z.input<typeof LoginModeChangedSchema>;
export type TaxCertificateListWire = z.input<typeof TaxCertificateListSchema>;
export type ProblemWire = z.input<typeof ProblemSchema>;
export type SupportRequestCreatedWire = z.input<typeof SupportRequestCreatedSchema>;

/** For dialogs: check user input before calling the client, which rejects malformed input. */
export const isContractNumber = (value: string): boolean => CONTRACT_NUMBER_PATTERN.test(value);
export const isVerificationCode = (value: string): boolean => VERIFICATION_CODE_PATTERN.test(value);

/** Names the failing fields only: zod messages must never carry a contract number, code or token. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
}
