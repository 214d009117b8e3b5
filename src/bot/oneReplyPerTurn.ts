import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';

/** A message that only says something (no card, no file): it can lead the next message of its turn. */
function canLead(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && Boolean(activity.text) && !activity.attachments?.length;
}

/**
 * `lead` said in front of `next`, as one message. The buttons are the later message's: they are the next
 * step (the question of a running action with its cancel button); the lead's optional suggestions (an
 * answer's follow-ups and feedback) stay only when the later message has no buttons of its own.
 */
function joined(lead: Partial<Activity>, next: Partial<Activity>): Partial<Activity> {
  const nextHasButtons = Boolean(next.suggestedActions?.actions.length || next.attachments?.length);
  return {
    ...next,
    text: next.text ? `${lead.text}\n\n${next.text}` : lead.text,
    textFormat: lead.textFormat ?? next.textFormat,
    suggestedActions: nextHasButtons ? next.suggestedActions : lead.suggestedActions,
  };
}

/**
 * The messages of one turn, fewest activities that read the same: every plain message is put in front of
 * the message after it ("the answer. Weiter mit «…»: the question again" is one message, not three).
 * Cards and files keep their own activity. Each activity costs the channel one POST.
 */
export function coalesced(activities: readonly Partial<Activity>[]): Partial<Activity>[] {
  const out: Partial<Activity>[] = [];
  for (const activity of activities) {
    const previous = out.at(-1);
    if (previous && canLead(previous) && activity.type === ActivityTypes.Message) {
      out[out.length - 1] = joined(previous, activity);
    } else {
      out.push(activity);
    }
  }
  return out;
}

/**
 * Holds what the bot says during a message turn and sends it at the end of the turn, coalesced. Made before
 * any other send handler of the turn, so it sees the activities as the dialogs wrote them (Teams rendering
 * and the locale stamp come after it).
 */
export class OneReplyPerTurn {
  private held?: Partial<Activity>[];

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_ctx, activities, next) => {
      if (!this.held) return next();
      this.held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  /** Runs the turn with its replies held; what was said goes out even when the turn fails. */
  async around(turn: () => Promise<void>): Promise<void> {
    if (this.context.activity.type !== ActivityTypes.Message) return turn();
    this.held = [];
    try {
      await turn();
    } finally {
      const held = this.held;
      this.held = undefined;
      if (held.length > 0) await this.context.sendActivities(coalesced(held));
    }
  }
}
