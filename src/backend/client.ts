// Typed client of docs/openapi.yaml. Each method is one operation: it checks its input, picks the
// retry policy and parses the response, so a malformed answer can never leak out as `undefined`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BackendError, type BackendOperation } from './errors';
import { Transport, type HttpRequest, type HttpResponse } from './transport';
import {
  AccessGrantSchema,
  ChallengeIdSchema,
  ChallengeSchema,
  CreateChallengeRequestSchema,
  LoginCodeRequestSchema,
  LoginCodeSentSchema,
  LoginModeBodySchema,
  LoginModeChangedSchema,
  LoginModeResponseSchema,
  ReferenceSchema,
  SupportRequestCreatedSchema,
  SupportRequestSchema,
  TaxCertificateListSchema,
  VerificationRequestSchema,
  YearSchema,
  describeIssues,
  type AccessGrant,
  type Challenge,
  type Channel,
  type LoginCodeChannel,
  type LoginCodeSent,
  type LoginMode,
  type LoginModeChanged,
  type SupportRequest,
  type SupportRequestCreated,
  type TaxCertificate,
  type TaxCertificateDocument,
} from './schemas';

export interface BackendClientOptions {
  /** e.g. `http://localhost:3979` for the sandbox; paths start with /v1. */
  baseUrl: string;
  apiKey: string;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Extra attempts after the first, for failures the operation's retry policy allows. */
  maxRetries: number;
  /** A longer Retry-After is not waited for: the call fails with 'rate-limited'. Default 5. */
  maxRetryAfterSeconds?: number;
  /** Backoff before retry n is random in [0, min(retryCapMs, retryBaseMs * 2^n)). Defaults 200 / 2000. */
  retryBaseMs?: number;
  retryCapMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

// Header-safe and bounded; a token is opaque otherwise.
const AccessTokenSchema = z.string().regex(/^[\x21-\x7e]{1,4096}$/);
const PDF_MAGIC = '%PDF-';

export class BackendClient {
  private readonly transport: Transport;

  constructor(options: BackendClientOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) throw new TypeError('baseUrl must be an http(s) URL');
    if (!(options.timeoutMs > 0)) throw new TypeError('timeoutMs must be positive');
    if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
      throw new TypeError('maxRetries must be a non-negative integer');
    }
    this.transport = new Transport({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs ?? 200,
      retryCapMs: options.retryCapMs ?? 2000,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 5,
      fetch: options.fetch ?? globalThis.fetch,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: Date.now,
    });
  }

  /** Sends a code by SMS/e-mail (or expects a TOTP code). Unknown contract numbers succeed too. */
  async createChallenge(input: { contractNumber: string; channel: Channel }): Promise<Challenge> {
    const operation = 'createChallenge';
    const body = checkInput(operation, CreateChallengeRequestSchema, input);
    return this.json({ ...send(operation, '/v1/identity/challenges'), body }, ChallengeSchema);
  }

  /** Errors: invalid-code, expired (also for an unknown challenge id), code-used, locked. */
  async verifyChallenge(challengeId: string, code: string): Promise<AccessGrant> {
    const operation = 'verifyChallenge';
    const id = checkInput(operation, ChallengeIdSchema, challengeId);
    const body = checkInput(operation, VerificationRequestSchema, { code });
    return this.json(
      {
        operation,
        method: 'POST',
        path: `/v1/identity/challenges/${id}/verifications`,
        accept: 'application/json',
        // Consumes a code, so a blind retry could answer code-used for a code that just worked.
        retry: 'unsent-only',
        body,
        notFoundKind: 'expired',
      },
      AccessGrantSchema,
    );
  }

  /** Sends an extra portal login code to the contact on file; the reply's reference names this send. */
  async sendLoginCode(input: { contractNumber: string; channel: LoginCodeChannel }): Promise<LoginCodeSent> {
    const operation = 'sendLoginCode';
    const body = checkInput(operation, LoginCodeRequestSchema, input);
    return this.json({ ...send(operation, '/v1/login-codes'), body }, LoginCodeSentSchema);
  }

  /** Hands a case to the web support; the reply's reference is what the person quotes. */
  async createSupportRequest(input: SupportRequest): Promise<SupportRequestCreated> {
    const operation = 'createSupportRequest';
    const body = checkInput(operation, SupportRequestSchema, input);
    return this.json({ ...send(operation, '/v1/support-requests'), body }, SupportRequestCreatedSchema);
  }

  async getLoginMode(accessToken: string): Promise<LoginMode> {
    const request = customerRequest('getLoginMode', accessToken, '/v1/customers/me/login-mode');
    return (await this.json(request, LoginModeResponseSchema)).mode;
  }

  /** PUT sets an absolute value, so it is retried like a read. The reference names this change. */
  async setLoginMode(accessToken: string, mode: LoginMode): Promise<LoginModeChanged> {
    const operation = 'setLoginMode';
    const body = checkInput(operation, LoginModeBodySchema, { mode });
    const request = customerRequest(operation, accessToken, '/v1/customers/me/login-mode');
    return this.json({ ...request, method: 'PUT', body }, LoginModeChangedSchema);
  }

  async listTaxCertificates(accessToken: string): Promise<TaxCertificate[]> {
    const request = customerRequest('listTaxCertificates', accessToken, '/v1/customers/me/tax-certificates');
    return (await this.json(request, TaxCertificateListSchema)).certificates;
  }

  /** The PDF and the handover's reference; 'not-found' when there is no certificate for that year. */
  async getTaxCertificatePdf(accessToken: string, year: number): Promise<TaxCertificateDocument> {
    const operation = 'getTaxCertificatePdf';
    const checkedYear = checkInput(operation, YearSchema, year);
    const path = `/v1/customers/me/tax-certificates/${checkedYear}`;
    const response = await this.transport.send({
      ...customerRequest(operation, accessToken, path),
      accept: 'application/pdf',
    });
    const contentType = response.headers.get('content-type') ?? '';
    const magic = new TextDecoder().decode(response.bytes.subarray(0, PDF_MAGIC.length));
    if (!contentType.startsWith('application/pdf') || magic !== PDF_MAGIC) {
      throw invalidResponse(operation, response, 'body is not a PDF');
    }
    const reference = ReferenceSchema.safeParse(response.headers.get('reference'));
    if (!reference.success)
      throw invalidResponse(operation, response, 'Reference header missing or malformed');
    return { pdf: response.bytes, reference: reference.data };
  }

  private async json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
    const response = await this.transport.send(request);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(response.bytes));
    } catch {
      throw invalidResponse(request.operation, response, 'body is not JSON');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw invalidResponse(request.operation, response, `schema mismatch: ${describeIssues(parsed.error)}`);
    }
    return parsed.data;
  }
}

/** A POST that sends a message: one Idempotency-Key per logical call, reused by every retry. */
function send(operation: BackendOperation, path: string): HttpRequest {
  return {
    operation,
    method: 'POST',
    path,
    accept: 'application/json',
    retry: 'unsent-only',
    idempotencyKey: randomUUID(),
  };
}

function customerRequest(operation: BackendOperation, accessToken: string, path: string): HttpRequest {
  const token = checkInput(operation, AccessTokenSchema, accessToken);
  return {
    operation,
    method: 'GET',
    path,
    accept: 'application/json',
    retry: 'idempotent',
    accessToken: token,
  };
}

/** Malformed input is a caller bug (dialogs validate user input first): a TypeError naming only fields. */
function checkInput<S extends z.ZodType>(
  operation: BackendOperation,
  schema: S,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new TypeError(`${operation}: invalid argument (${describeIssues(parsed.error)})`);
  return parsed.data;
}

function invalidResponse(operation: BackendOperation, response: HttpResponse, reason: string): BackendError {
  return new BackendError(operation, { kind: 'invalid-response', status: response.status, reason });
}
