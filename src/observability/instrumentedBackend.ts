import { ACTIONS, VERIFICATION } from '../actions/catalog';
import { backendFailureOf, type SelfServiceBackend } from '../actions/selfServiceBackend';
import type { BotMetrics } from './metrics';

/**
 * The backend operations that complete a self-service action (src/actions/catalog.ts): their result is the
 * action's outcome ("ok" or why it failed). verifyChallenge completes the identity check two actions need.
 */
const ACTION_OF_OPERATION: ReadonlyMap<string, string> = new Map(
  [VERIFICATION, ...ACTIONS].map((a) => [a.completedBy, a.metric]),
);

/** The backend with every call timed and counted (latency, errors by kind, action outcomes). */
export function instrumentBackend(backend: SelfServiceBackend, metrics: BotMetrics): SelfServiceBackend {
  const timed = <K extends keyof SelfServiceBackend>(operation: K): SelfServiceBackend[K] =>
    (async (...args: unknown[]) => {
      const stop = metrics.backendSeconds.startTimer({ operation });
      const action = ACTION_OF_OPERATION.get(operation);
      try {
        const result = await (backend[operation] as (...a: unknown[]) => Promise<unknown>)(...args);
        stop({ result: 'ok' });
        if (action) metrics.actionOutcomes.inc({ action, outcome: 'ok' });
        return result;
      } catch (error) {
        const kind = backendFailureOf(error);
        stop({ result: kind });
        metrics.backendErrors.inc({ operation, kind });
        if (action) metrics.actionOutcomes.inc({ action, outcome: kind });
        throw error;
      }
    }) as SelfServiceBackend[K];
  return {
    createChallenge: timed('createChallenge'),
    verifyChallenge: timed('verifyChallenge'),
    sendLoginCode: timed('sendLoginCode'),
    getLoginMode: timed('getLoginMode'),
    setLoginMode: timed('setLoginMode'),
    listTaxCertificates: timed('listTaxCertificates'),
    getTaxCertificatePdf: timed('getTaxCertificatePdf'),
    createSupportRequest: timed('createSupportRequest'),
  };
}
