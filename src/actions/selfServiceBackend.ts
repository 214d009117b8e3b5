/**
 * The insurer's backend as the actions use it, as an interface: src/backend's BackendClient has this shape,
 * the dialogs call it, and the instrumented backend (src/observability) wraps it. It sits in the core so that
 * none of them has to import another's layer.
 */
import type { BackendOperation, LoginMode, VerificationChannel } from './catalog';
import type { SupportOutcome } from './supportRequests';
import type { Language } from '../language';

export type MessageChannel = Exclude<VerificationChannel, 'totp'>;

/** The insurer's backend as the actions use it; src/backend's BackendClient has this shape. */
export interface SelfServiceBackend extends Record<BackendOperation, (...args: never[]) => Promise<unknown>> {
  createChallenge(input: {
    contractNumber: string;
    channel: VerificationChannel;
  }): Promise<{ challengeId: string; maskedDestination?: string }>;
  verifyChallenge(challengeId: string, code: string): Promise<{ accessToken: string }>;
  // The operations that complete an action answer with the reference its receipt gives (KPT-2026-000123).
  sendLoginCode(input: {
    contractNumber: string;
    channel: MessageChannel;
  }): Promise<{ maskedDestination?: string; reference: string }>;
  getLoginMode(accessToken: string): Promise<LoginMode>;
  setLoginMode(accessToken: string, mode: LoginMode): Promise<{ mode: LoginMode; reference: string }>;
  listTaxCertificates(accessToken: string): Promise<Array<{ year: number }>>;
  getTaxCertificatePdf(accessToken: string, year: number): Promise<{ pdf: Uint8Array; reference: string }>;
  /** Fails 'rate-limited' beyond 3 requests per contract number in 24 hours. */
  createSupportRequest(request: SupportRequestInput): Promise<{ reference: string }>;
}

/** What a support request carries (docs/openapi.yaml SupportRequest); questions already masked. */
export interface SupportRequestInput {
  topic: string;
  description: string;
  contact: { kind: 'email' | 'phone'; value: string };
  language: Language;
  /** The verified person's contract number, else 'unverified'. */
  contractNumber: string;
  summary: Array<{ question: string; entryId?: string; outcome: SupportOutcome }>;
  consent: true;
}

/** The ways a backend call fails, as the dialogs tell them apart. */
export const BACKEND_FAILURES = [
  'unavailable',
  'timeout',
  'rate-limited',
  'invalid-response',
  'invalid-code',
  'expired',
  'code-used',
  'locked',
  'not-found',
  'unauthorized',
] as const;
export type BackendFailure = (typeof BACKEND_FAILURES)[number];

/** The wait a rate-limited or locked backend asked for, in seconds, when the error carries one. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  const seconds = (error as { info?: { retryAfterSeconds?: unknown } } | null)?.info?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
}

/** The failure kind of an error thrown by a SelfServiceBackend; anything unexpected counts as unavailable. */
export function backendFailureOf(error: unknown): BackendFailure {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return (BACKEND_FAILURES as readonly unknown[]).includes(kind) ? (kind as BackendFailure) : 'unavailable';
}
