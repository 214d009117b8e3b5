// Maps a non-2xx response to a BackendError. Dispatch is on the HTTP status (the coarse contract)
// and, where one status has two meanings (401), on the problem `code`.
import { BackendError, type BackendErrorInfo, type BackendOperation } from './errors';
import { parseRetryAfter } from './retry';
import { ProblemSchema, type Problem } from './schemas';
import type { HttpResponse } from './transport';

// Fallbacks if a 423/429 lacks the Retry-After the contract requires: the user still learns that
// they are locked or throttled instead of getting a generic technical error.
export const LOCK_FALLBACK_SECONDS = 15 * 60;
export const RATE_LIMIT_FALLBACK_SECONDS = 30;

export type NotFoundKind = 'not-found' | 'expired';

export function errorForResponse(
  operation: BackendOperation,
  response: HttpResponse,
  notFoundKind: NotFoundKind,
  nowMs: number,
): BackendError {
  const retryAfter = () => parseRetryAfter(response.headers.get('retry-after'), nowMs);
  return new BackendError(
    operation,
    infoFor(response.status, parseProblem(response), notFoundKind, retryAfter),
  );
}

function infoFor(
  status: number,
  problem: Problem | undefined,
  notFoundKind: NotFoundKind,
  retryAfter: () => number | undefined,
): BackendErrorInfo {
  if (status === 429)
    return { kind: 'rate-limited', retryAfterSeconds: retryAfter() ?? RATE_LIMIT_FALLBACK_SECONDS };
  if (status === 423) return { kind: 'locked', retryAfterSeconds: retryAfter() ?? LOCK_FALLBACK_SECONDS };
  if (status >= 500) return { kind: 'unavailable', status };
  if (status === 401) return unauthorizedInfo(problem);
  if (status === 404) return { kind: notFoundKind };
  if (status === 409) return { kind: 'code-used' };
  if (status === 410) return { kind: 'expired' };
  // 3xx, 400, 422 or anything else: one side broke the contract.
  const code = problem ? ` (${problem.code})` : '';
  return { kind: 'invalid-response', status, reason: `unexpected status${code}` };
}

function unauthorizedInfo(problem: Problem | undefined): BackendErrorInfo {
  if (problem?.code !== 'invalid_code') return { kind: 'unauthorized' };
  if (problem.attemptsRemaining === undefined) {
    return { kind: 'invalid-response', status: 401, reason: 'invalid_code without attemptsRemaining' };
  }
  return { kind: 'invalid-code', attemptsRemaining: problem.attemptsRemaining };
}

function parseProblem(response: HttpResponse): Problem | undefined {
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(new TextDecoder().decode(response.bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // e.g. an HTML error page from a proxy: the status alone decides
  }
}
