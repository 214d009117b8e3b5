import {
  ActivityTypes,
  Channels,
  TeamsActivityHandler,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { ConversationData } from '../dialogs/conversationData';
import { Replies } from '../dialogs/replies';
import { RootDialog } from '../dialogs/rootDialog';
import type { BotServices } from '../dialogs/services';
import { SuggestionObserver } from '../dialogs/suggestionObserver';
import { OneReplyPerTurn } from './oneReplyPerTurn';
import { invokeAnswer } from './invokeAnswer';
import { forTeams } from './teamsActivities';
import { channelLocale } from './teamsLocale';
import type { TurnGuard } from './turnGuard';

/**
 * The bot: welcomes a new conversation once, hands every message to the root dialog and saves the
 * conversation state at the end of each turn.
 */
export class HelpBot extends TeamsActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly dialogState: StatePropertyAccessor;
  private readonly rootDialog: RootDialog;

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationState,
    /** Rate limit, one turn at a time per conversation, metrics, store outages (see TurnGuard). */
    private readonly guard?: TurnGuard,
  ) {
    super();
    this.conversationData = conversationState.createProperty<ConversationData>('conversation');
    this.dialogState = conversationState.createProperty('dialogState');
    // Where what users ask is recorded, suggested alternates are learnt from how they find their answers.
    const suggestions =
      services.insights &&
      new SuggestionObserver(this.conversationData, services.insights, services.actions.now);
    this.rootDialog = new RootDialog(
      suggestions ? { ...services, insights: suggestions.log() } : services,
      this.conversationData,
    );

    this.onMembersAdded(async (context, next) => {
      const users = (context.activity.membersAdded ?? []).filter(
        (m) => m.id !== context.activity.recipient?.id,
      );
      if (users.length > 0) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      const turn = () => this.rootDialog.run(context, this.dialogState);
      await (suggestions ? suggestions.observe(context, turn) : turn());
      await next();
    });
  }

  /**
   * Every message says which language it is in ("fr-CH"): the website widget relabels itself when the user
   * switches language in the chat, and screen readers pick the right voice.
   */
  private stampLocale(context: TurnContext): void {
    context.onSendActivities(async (ctx, activities, next) => {
      // Without the conversation state (shared store down) the replies keep the channel's locale.
      const lang = await this.rootDialog.language(ctx).catch(() => undefined);
      if (lang) {
        for (const activity of activities)
          if (activity.type === ActivityTypes.Message) activity.locale = `${lang}-CH`;
      }
      return next();
    });
  }

  /** Teams: Adaptive Cards instead of hero cards, an "open" button for documents (see teamsActivities). */
  private renderForTeams(context: TurnContext): void {
    context.onSendActivities(async (ctx, activities, next) => {
      const lang = await this.rootDialog.language(ctx);
      const openDocumentTitle = this.services.translator.t(lang, 'teams.openPdf');
      activities.splice(0, activities.length, ...activities.map((a) => forTeams(a, { openDocumentTitle })));
      return next();
    });
  }

  /** Web Chat, Teams and the Emulator may each announce the user more than once: welcome only the first time. */
  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    const replies = new Replies(this.services, await this.rootDialog.language(context));
    await context.sendActivities(replies.welcome());
  }

  /** Invoke activities are checked at the boundary (see invokeAnswer): a malformed value is a 400, not a stack. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const lang = await this.rootDialog.language(context);
    const message = this.services.translator.t(lang, 'input.unknownButton');
    return invokeAnswer(context.activity.name, context.activity.value, message);
  }

  override async run(context: TurnContext): Promise<void> {
    context.activity.locale = channelLocale(context.activity);
    // First: it holds the replies as the dialogs wrote them; the locale stamp and Teams rendering come after.
    const replies = new OneReplyPerTurn(context);
    this.stampLocale(context);
    if (context.activity.channelId === Channels.Msteams) this.renderForTeams(context);
    const turn = async () => {
      await replies.around(() => super.run(context));
      await this.conversationState.saveChanges(context, false);
    };
    await (this.guard ? this.guard.run(context, turn) : turn());
  }
}
