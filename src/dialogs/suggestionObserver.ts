import { AsyncLocalStorage } from 'node:async_hooks';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { MatchOutcome } from '../faq/matcher';
import type { SuggestionSource } from '../insights/events';
import { isRephrasing } from '../insights/rephrasing';
import type { Language } from '../language';
import { maskPii } from '../security/pii';
import type { ConversationData, RecentQuestion } from './conversationData';
import type { InsightLog } from './services';
import { pressedButton } from './userInput';

/** A wording leads to a suggestion only if the person found the answer this soon after asking. */
export const SUGGESTION_WINDOW_MS = 5 * 60_000;

/** What the dialogs recorded in one turn. */
interface TurnNotes {
  questions: Array<{ lang: Language; text: string; outcome: MatchOutcome }>;
  notHelpful: string[];
}

/**
 * Learns candidate alternates from how people find answers, watching each turn from outside the dialogs:
 * a wording the bot missed becomes a suggestion for the entry the person then got to — picked from "did you
 * mean", reached by rephrasing (same words) right after no answer, or reached after rating another answer "not helpful".
 * The last question waits in the conversation state (masked, a few minutes); suggestions go to the insights
 * record, where `faq -- suggest` lists them.
 */
export class SuggestionObserver {
  private readonly turn = new AsyncLocalStorage<TurnNotes>();

  constructor(
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
    private readonly insights: InsightLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** The InsightLog to give the dialogs: records as before, and notes the calls for the turn in progress. */
  log(): InsightLog {
    return {
      question: (lang, text, outcome) => {
        this.turn.getStore()?.questions.push({ lang, text, outcome });
        this.insights.question(lang, text, outcome);
      },
      feedback: (lang, entryId, helpful) => {
        if (!helpful) this.turn.getStore()?.notHelpful.push(entryId);
        this.insights.feedback(lang, entryId, helpful);
      },
      suggestion: (...args) => this.insights.suggestion(...args),
      supportRequest: (...args) => this.insights.supportRequest(...args),
    };
  }

  /** Runs one turn of the dialogs, then draws the conclusions of what happened in it. */
  async observe(context: TurnContext, runTurn: () => Promise<void>): Promise<void> {
    const notes: TurnNotes = { questions: [], notHelpful: [] };
    await this.turn.run(notes, runTurn);
    const data = await this.conversationData.get(context, {});
    const recent =
      data.recentQuestion && this.now() - data.recentQuestion.at <= SUGGESTION_WINDOW_MS
        ? data.recentQuestion
        : undefined;
    data.recentQuestion = this.next(recent, notes, pressedButton(context.activity.value));
  }

  private next(
    recent: RecentQuestion | undefined,
    notes: TurnNotes,
    button: ReturnType<typeof pressedButton>,
  ): RecentQuestion | undefined {
    if (recent?.entryId && notes.notHelpful.includes(recent.entryId)) return { ...recent, notHelpful: true };
    if (button?.kind === 'faq') {
      if (recent?.outcome === 'ambiguous' && recent.candidates.includes(button.id)) {
        return this.suggest(recent, button.id, 'did-you-mean');
      }
      if (recent?.notHelpful && recent.entryId !== button.id)
        return this.suggest(recent, button.id, 'not-helpful');
      return recent;
    }
    const question = notes.questions.at(-1);
    if (!question) return recent;
    const { lang, text, outcome } = question;
    if (outcome.kind === 'answer' && recent?.lang === lang) {
      // After "did you mean", only an entry it offered: another is more likely a new topic than a rephrasing.
      // After no answer, only a question on the same words: "IBAN …" then "Passwort vergessen" is a new topic.
      const rephrased =
        (recent.outcome === 'fallback' && isRephrasing(recent.text, maskPii(text), lang)) ||
        (recent.outcome === 'ambiguous' && recent.candidates.includes(outcome.id));
      if (rephrased) this.suggest(recent, outcome.id, 'rephrased');
      else if (recent.notHelpful && recent.entryId !== outcome.id)
        this.suggest(recent, outcome.id, 'not-helpful');
    }
    // The new question waits in turn: its answer may be rated "not helpful" next.
    return {
      lang,
      text: maskPii(text),
      outcome: outcome.kind,
      entryId: outcome.kind === 'answer' ? outcome.id : undefined,
      candidates: outcome.candidates.map((c) => c.id),
      at: this.now(),
    };
  }

  /** Records the suggestion; the question it came from is settled (undefined: nothing waits any more). */
  private suggest(recent: RecentQuestion, entryId: string, source: SuggestionSource): undefined {
    this.insights.suggestion(recent.lang, entryId, recent.text, source);
    return undefined;
  }
}
