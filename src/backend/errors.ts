// One error type for every backend failure. Dialogs switch on `info.kind` and pick an i18n message;
// this layer carries no user-facing text and no personal data (messages name the operation only).

import type { BackendOperation } from '../actions/catalog';

export type BackendErrorInfo =
  | { kind: 'unavailable'; status?: number }
  | { kind: 'timeout' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'invalid-response'; status?: number; reason: string }
  | { kind: 'invalid-code'; attemptsRemaining: number }
  | { kind: 'expired' }
  | { kind: 'code-used' }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'not-found' }
  | { kind: 'unauthorized' };

export type BackendErrorKind = BackendErrorInfo['kind'];

// One list of operations, the actions' catalog's: a new operation cannot be known to one side only.
export type { BackendOperation };

export class BackendError extends Error {
  override readonly name = 'BackendError';

  constructor(
    readonly operation: BackendOperation,
    readonly info: BackendErrorInfo,
    options?: ErrorOptions,
  ) {
    super(describe(operation, info), options);
  }

  get kind(): BackendErrorKind {
    return this.info.kind;
  }
}

function describe(operation: BackendOperation, info: BackendErrorInfo): string {
  const status = 'status' in info && info.status !== undefined ? ` (HTTP ${info.status})` : '';
  const reason = info.kind === 'invalid-response' ? `: ${info.reason}` : '';
  return `${operation} failed: ${info.kind}${status}${reason}`;
}
