// HTTP with per-attempt timeouts and a retry policy per operation. Returns 2xx responses; every
// other outcome becomes a BackendError.
import { BackendError, type BackendOperation } from './errors';
import { errorForResponse, type NotFoundKind } from './responseErrors';
import { backoffMs, parseRetryAfter } from './retry';

/**
 * - 'idempotent' (GETs and PUT login-mode, which sets an absolute value): retried after timeouts,
 *   network errors, any 5xx and 429.
 * - 'unsent-only' (POSTs: they send a message or consume a code): retried only when the server
 *   certainly did not act on the request — the connection was never established, or 429 (refused
 *   before processing) — or, for a POST with an Idempotency-Key, when the connection was reset: a
 *   pooled connection the server closed while idle fails so, and the contract replays a key's first
 *   answer without sending again (docs/openapi.yaml, Idempotency). Never after a timeout or a 5xx
 *   (the server may be slow or failing), and never a reset POST without a key (verifying a code).
 */
export type RetryPolicy = 'idempotent' | 'unsent-only';

export interface HttpRequest {
  operation: BackendOperation;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  accept: 'application/json' | 'application/pdf';
  retry: RetryPolicy;
  body?: unknown;
  accessToken?: string;
  /** Generated once per logical call by the caller, so every retry carries the same key. */
  idempotencyKey?: string;
  notFoundKind?: NotFoundKind;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export interface TransportConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryCapMs: number;
  maxRetryAfterSeconds: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

type Failure = 'timeout' | 'not-connected' | 'reset' | 'network';
type Outcome =
  { type: 'response'; response: HttpResponse } | { type: 'failure'; failure: Failure; cause: unknown };

// The TCP connection was never made, so the server cannot have seen the request.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// The connection broke: most often a pooled one the server had closed while it was idle.
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export class Transport {
  constructor(private readonly config: TransportConfig) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(request);
      if (outcome.type === 'response' && outcome.response.status >= 200 && outcome.response.status < 300) {
        return outcome.response;
      }
      const delay =
        attempt < this.config.maxRetries ? this.retryDelayMs(request, outcome, attempt) : undefined;
      if (delay === undefined) throw this.toError(request, outcome);
      await this.config.sleep(delay);
    }
  }

  private async attempt(request: HttpRequest): Promise<Outcome> {
    // The signal also covers reading the body, so a server that stalls mid-body times out too.
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    try {
      const response = await this.config.fetch(this.config.baseUrl + request.path, {
        method: request.method,
        headers: this.headers(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        redirect: 'manual', // never forward the API key or a customer token to another location
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { type: 'response', response: { status: response.status, headers: response.headers, bytes } };
    } catch (cause) {
      return { type: 'failure', failure: signal.aborted ? 'timeout' : classify(cause), cause };
    }
  }

  private headers(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { 'X-Api-Key': this.config.apiKey, Accept: request.accept };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.accessToken !== undefined) headers.Authorization = `Bearer ${request.accessToken}`;
    if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;
    return headers;
  }

  /** Milliseconds to wait before the next attempt, or undefined when this outcome is final. */
  private retryDelayMs(request: HttpRequest, outcome: Outcome, attempt: number): number | undefined {
    const { retryBaseMs, retryCapMs, random, maxRetryAfterSeconds, now } = this.config;
    const backoff = backoffMs(attempt, retryBaseMs, retryCapMs, random);
    if (outcome.type === 'failure') {
      const replayable = outcome.failure === 'reset' && request.idempotencyKey !== undefined;
      return outcome.failure === 'not-connected' || replayable || request.retry === 'idempotent'
        ? backoff
        : undefined;
    }
    const { status, headers } = outcome.response;
    const retryable = status === 429 || (status >= 500 && request.retry === 'idempotent');
    if (!retryable) return undefined;
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now());
    if (retryAfter === undefined) return backoff;
    // A wait beyond the cap would stall the conversation: give up and let the dialog say "later".
    return retryAfter <= maxRetryAfterSeconds ? retryAfter * 1000 : undefined;
  }

  private toError(request: HttpRequest, outcome: Outcome): BackendError {
    if (outcome.type === 'response') {
      return errorForResponse(
        request.operation,
        outcome.response,
        request.notFoundKind ?? 'not-found',
        this.config.now(),
      );
    }
    const info =
      outcome.failure === 'timeout' ? ({ kind: 'timeout' } as const) : ({ kind: 'unavailable' } as const);
    return new BackendError(request.operation, info, { cause: outcome.cause });
  }
}

/** fetch wraps socket errors (`cause.code`); Happy Eyeballs may aggregate several (`errors`). */
function classify(error: unknown): Failure {
  const codes = errorCodes(error);
  if (codes.length > 0 && codes.every((code) => NOT_CONNECTED.has(code))) return 'not-connected';
  return codes.length > 0 && codes.every((code) => RESET.has(code)) ? 'reset' : 'network';
}

function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 3) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) return errors.flatMap((e) => errorCodes(e, depth + 1));
  if (typeof code === 'string') return [code];
  return errorCodes(cause, depth + 1);
}
