import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotServices } from '../dialogs/services';
import { languageFromLocale } from '../language';
import { newCorrelationId, withCorrelationId } from '../observability/correlation';
import type { Logger } from '../observability/logger';
import type { BotMetrics, TurnOutcome } from '../observability/metrics';
import type { MessageRateLimit } from '../security/messageRateLimit';
import { ConversationBusyError, type ConversationLock } from '../state/conversationLock';
import { StoreUnavailableError } from '../state/storeUnavailable';
import { isETagConflict } from './storage/eTagConflict';

export interface TurnGuardDependencies {
  services: BotServices;
  lock: ConversationLock;
  rateLimit: MessageRateLimit;
  metrics: BotMetrics;
  logger: Logger;
}

/**
 * What surrounds every turn, whichever instance runs it: a correlation id for its log lines, the
 * per-conversation message limit, one turn at a time per conversation, metrics, and a clear answer when
 * the shared store is down (the turn then changes nothing; the next one works once the store is back).
 */
export class TurnGuard {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: TurnGuardDependencies) {}

  run(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const running = withCorrelationId(newCorrelationId(), () => this.guarded(context, turn));
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Resolves once every turn that has started has finished (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async guarded(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const { metrics, logger } = this.deps;
    const type = knownType(context.activity.type);
    const stopTimer = metrics.turnSeconds.startTimer({ type });
    let outcome: TurnOutcome = 'failed';
    try {
      outcome = await this.limitedAndSerialised(context, turn);
    } catch (error) {
      if (!isStateUnavailable(error)) throw error;
      outcome = 'unavailable';
      logger.warn({ err: error }, 'turn not handled: shared state unavailable');
      await context.sendActivity(this.say(context, 'errors.temporarilyUnavailable'));
    } finally {
      const seconds = stopTimer();
      metrics.turns.inc({ type, outcome });
      logger.debug({ type, outcome, durationMs: Math.round(seconds * 1000) }, 'turn');
    }
  }

  private async limitedAndSerialised(context: TurnContext, turn: () => Promise<void>): Promise<TurnOutcome> {
    const conversationId = context.activity.conversation?.id ?? '';
    const isMessage = context.activity.type === ActivityTypes.Message;
    if (isMessage && !(await this.deps.rateLimit.allow(conversationId))) {
      await context.sendActivity(this.say(context, 'errors.slowDown'));
      return 'rate-limited';
    }
    await this.deps.lock.run(`${context.activity.channelId}/${conversationId}`, turn);
    return 'ok';
  }

  /** Without the conversation state, the channel's locale is the best guess of the user's language. */
  private say(context: TurnContext, key: string): string {
    const { translator, settings } = this.deps.services;
    const lang = languageFromLocale(context.activity.locale) ?? settings.defaultLanguage;
    return translator.t(lang, key);
  }
}

/** The turn could not read or commit its state: nothing changed, and the user may simply try again. */
function isStateUnavailable(error: unknown): boolean {
  return (
    error instanceof StoreUnavailableError || error instanceof ConversationBusyError || isETagConflict(error)
  );
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(ActivityTypes));

/** Activity types as metric labels: the known ones, everything else as "other" (no unbounded labels). */
function knownType(type: string | undefined): string {
  return type !== undefined && KNOWN_TYPES.has(type) ? type : 'other';
}
