/**
 * What the action dialogs need from the world outside, as interfaces: the insurer's backend (defined in the
 * core, src/actions/selfServiceBackend.ts) and a place to publish a document for download. src/backend and
 * src/server implement them; tests fake them.
 */
export type { LoginMode, VerificationChannel } from '../../actions/catalog';
export type {
  BackendFailure,
  MessageChannel,
  SelfServiceBackend,
  SupportRequestInput,
} from '../../actions/selfServiceBackend';
export { BACKEND_FAILURES, backendFailureOf, retryAfterSecondsOf } from '../../actions/selfServiceBackend';

export interface PublishedDocument {
  url: string;
  expiresInMinutes: number;
}

/** Short-lived, single-purpose download links served by the bot's own server. */
export interface DocumentLinks {
  publish(document: {
    fileName: string;
    contentType: string;
    content: Uint8Array;
  }): Promise<PublishedDocument>;
}
