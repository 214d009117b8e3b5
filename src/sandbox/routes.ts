// The operations of docs/openapi.yaml, as plain functions from a parsed request to a Reply.
import type { z } from 'zod';
import {
  ChallengeIdSchema,
  CreateChallengeRequestSchema,
  LoginCodeRequestSchema,
  LoginModeBodySchema,
  SupportRequestSchema,
  VerificationRequestSchema,
  YearSchema,
  describeIssues,
  type LoginMode,
  type LoginModeChangedWire,
} from '../backend/schemas';
import { certificateFigures, certificateIssuedAt, certificateYears } from './certificates';
import type { DemoCustomer } from './customers';
import { json, pdf, problem, type Reply } from './httpIo';
import type { IdentityService, VerifyOutcome } from './identity';
import { sendLoginCode, type LoginCodeDeps } from './loginCodes';
import { renderTaxCertificate } from './pdf';
import type { ReferenceBook } from './references';
import type { SupportDesk } from './supportRequests';

export interface ServiceContext {
  params: string[];
  body: unknown;
  now: Date;
}

export interface CustomerContext extends ServiceContext {
  customer: DemoCustomer;
}

interface RouteBase {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
}

// Service handlers are synchronous so that an idempotency lookup and its store cannot interleave.
export type Route =
  | (RouteBase & { auth: 'service'; sendsMessage: boolean; handle: (ctx: ServiceContext) => Reply })
  | (RouteBase & { auth: 'customer'; handle: (ctx: CustomerContext) => Reply | Promise<Reply> });

export interface SandboxServices {
  identity: IdentityService;
  loginCodes: LoginCodeDeps;
  loginModes: Map<string, LoginMode>;
  supportDesk: SupportDesk;
  references: ReferenceBook;
}

export function createRoutes(services: SandboxServices): Route[] {
  const { identity, loginCodes, loginModes, supportDesk, references } = services;
  const loginModeOf = (customer: DemoCustomer) =>
    loginModes.get(customer.contractNumber) ?? customer.loginMode;
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/identity\/challenges$/,
      auth: 'service',
      sendsMessage: true,
      handle: (ctx) =>
        withBody(CreateChallengeRequestSchema, ctx.body, ({ contractNumber, channel }) => {
          const outcome = identity.create(contractNumber, channel, ctx.now.getTime());
          return outcome.type === 'created' ? json(202, outcome.challenge) : refusal(outcome);
        }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/identity\/challenges\/([^/]+)\/verifications$/,
      auth: 'service',
      sendsMessage: false,
      handle: (ctx) =>
        withBody(VerificationRequestSchema, ctx.body, ({ code }) => {
          const id = ChallengeIdSchema.safeParse(ctx.params[0]);
          if (!id.success) return problem(404, 'challenge_not_found');
          return verificationReply(identity.verify(id.data, code, ctx.now.getTime()));
        }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/login-codes$/,
      auth: 'service',
      sendsMessage: true,
      handle: (ctx) =>
        withBody(LoginCodeRequestSchema, ctx.body, ({ contractNumber, channel }) => {
          const outcome = sendLoginCode(loginCodes, contractNumber, channel, ctx.now);
          return outcome.type === 'sent' ? json(202, outcome.body) : refusal(outcome);
        }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/support-requests$/,
      auth: 'service',
      sendsMessage: true,
      handle: (ctx) =>
        withBody(SupportRequestSchema, ctx.body, (request) => {
          const outcome = supportDesk.create(request, ctx.now);
          return outcome.type === 'created' ? json(201, outcome.body) : refusal(outcome);
        }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/me\/login-mode$/,
      auth: 'customer',
      handle: ({ customer }) => json(200, { mode: loginModeOf(customer) }),
    },
    {
      method: 'PUT',
      pattern: /^\/v1\/customers\/me\/login-mode$/,
      auth: 'customer',
      handle: ({ customer, body, now }) =>
        withBody(LoginModeBodySchema, body, ({ mode }) => {
          loginModes.set(customer.contractNumber, mode);
          const changed: LoginModeChangedWire = { mode, reference: references.next(customer.language, now) };
          return json(200, changed);
        }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/me\/tax-certificates$/,
      auth: 'customer',
      handle: ({ customer, now }) =>
        json(200, {
          certificates: certificateYears(customer, now).map((year) => ({
            year,
            issuedAt: certificateIssuedAt(year),
          })),
        }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/me\/tax-certificates\/([^/]+)$/,
      auth: 'customer',
      handle: async ({ customer, now, params }) => {
        const year = YearSchema.safeParse(/^\d{4}$/.test(params[0] ?? '') ? Number(params[0]) : NaN);
        if (!year.success) return problem(400, 'validation_failed', { detail: 'year: invalid' });
        if (!certificateYears(customer, now).includes(year.data))
          return problem(404, 'certificate_not_found');
        const figures = certificateFigures(customer.contractNumber, year.data);
        return pdf(
          await renderTaxCertificate({
            customer,
            year: year.data,
            issuedAt: certificateIssuedAt(year.data),
            figures,
          }),
          references.next(customer.language, now),
        );
      },
    },
  ];
}

function withBody<S extends z.ZodType, R>(
  schema: S,
  body: unknown,
  handle: (value: z.output<S>) => R,
): R | Reply {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return problem(400, 'validation_failed', { detail: describeIssues(parsed.error) });
  return handle(parsed.data);
}

function refusal(outcome: { type: 'locked' | 'rate-limited'; retryAfterSeconds: number }): Reply {
  const { retryAfterSeconds } = outcome;
  return outcome.type === 'locked'
    ? problem(423, 'locked', { retryAfterSeconds })
    : problem(429, 'rate_limited', { retryAfterSeconds });
}

function verificationReply(outcome: VerifyOutcome): Reply {
  switch (outcome.type) {
    case 'verified':
      return json(200, outcome.grant);
    case 'invalid':
      return problem(401, 'invalid_code', { attemptsRemaining: outcome.attemptsRemaining });
    case 'locked':
      return refusal(outcome);
    case 'not-found':
      return problem(404, 'challenge_not_found');
    case 'used':
      return problem(409, 'code_already_used');
    case 'expired':
      return problem(410, 'challenge_expired');
  }
}
