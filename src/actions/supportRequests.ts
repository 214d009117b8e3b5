/** What a support request's conversation summary says about each earlier question (docs/openapi.yaml). */
export const SUPPORT_OUTCOMES = [
  'answer',
  'ambiguous',
  'fallback',
  'helpful',
  'not-helpful',
  'action-completed',
  'action-failed',
] as const;
export type SupportOutcome = (typeof SUPPORT_OUTCOMES)[number];

/** The summary keeps the last questions only: enough for the web support, short for the person. */
export const MAX_SUMMARY_ITEMS = 10;

/** Where a support request came from: the `reason` label of bot_support_requests_total. */
export const SUPPORT_REASONS = ['asked', 'fallback', 'not_helpful', 'lockout', 'backend_failure'] as const;
export type SupportReason = (typeof SUPPORT_REASONS)[number];
