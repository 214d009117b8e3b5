// Replies as plain values (so the idempotency store can keep and replay them) and their I/O.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemCode, ProblemWire } from '../backend/schemas';

export interface Reply {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export function json(status: number, value: unknown): Reply {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

/** A PDF handed over, with the reference of the handover in the `Reference` header. */
export function pdf(bytes: Uint8Array, reference: string): Reply {
  return { status: 200, contentType: 'application/pdf', body: bytes, headers: { Reference: reference } };
}

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'Request does not match the contract',
  unauthorized: 'Not authenticated',
  invalid_code: 'Code is not valid',
  challenge_not_found: 'Challenge not found',
  challenge_expired: 'Challenge expired',
  code_already_used: 'Code already used',
  locked: 'Locked after too many wrong codes',
  certificate_not_found: 'No tax certificate for this year',
  not_found: 'Not found',
  idempotency_key_mismatch: 'Idempotency key reused with a different request',
  rate_limited: 'Too many requests',
  service_unavailable: 'Service unavailable',
};

export function problem(
  status: number,
  code: ProblemCode,
  extra: { detail?: string; attemptsRemaining?: number; retryAfterSeconds?: number } = {},
): Reply {
  const body: ProblemWire = { type: `/problems/${code}`, title: TITLES[code], status, code };
  if (extra.detail !== undefined) body.detail = extra.detail;
  if (extra.attemptsRemaining !== undefined) body.attemptsRemaining = extra.attemptsRemaining;
  const headers =
    extra.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(extra.retryAfterSeconds) };
  return { status, contentType: 'application/problem+json', body: JSON.stringify(body), headers };
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': reply.contentType,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
