import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { createInterface } from 'node:readline';

export interface ConsoleOptions {
  /** The message's Markdown as the terminal shows it. */
  render?: (markdown: string) => string;
  /** Saves a document the bot links to (a download link of its server) and returns where it is, if it can. */
  save?: (url: string) => Promise<string | undefined>;
}

/**
 * A Bot Framework adapter for the terminal (after the BotBuilder console samples): each line typed is a
 * message activity; replies are printed. Buttons are listed with numbers and typing a number presses one.
 * A document the bot hands over is saved to a file, and the message shows the file under its text.
 */
export class ConsoleAdapter extends BotAdapter {
  private nextId = 0;
  private buttons: Array<{ title: string; value: unknown }> = [];
  private readonly reference: ConversationReference = {
    channelId: 'console',
    serviceUrl: '',
    user: { id: 'user', name: 'User' },
    bot: { id: 'bot', name: 'Bot' },
    conversation: { id: 'console', name: 'console', isGroup: false, conversationType: 'personal' },
  };

  constructor(
    private readonly locale: string,
    private readonly options: ConsoleOptions = {},
  ) {
    super();
  }

  /** Starts the conversation and calls the bot for each line until the input ends. */
  async listen(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.turn(
      { type: ActivityTypes.ConversationUpdate, membersAdded: [this.reference.user!, this.reference.bot!] },
      logic,
    );
    const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
    lines.prompt();
    for await (const line of lines) {
      const pressed = /^\d+$/.test(line.trim()) ? this.buttons[Number(line.trim()) - 1] : undefined;
      const message = pressed ? { text: pressed.title, value: pressed.value } : { text: line };
      await this.turn({ type: ActivityTypes.Message, ...message }, logic);
      lines.prompt();
    }
  }

  private async turn(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const incoming = TurnContext.applyConversationReference(
      { ...activity, id: String(++this.nextId), timestamp: new Date(), locale: this.locale },
      this.reference,
      true,
    );
    this.buttons = [];
    await this.runMiddleware(new TurnContext(this, incoming), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.text) console.log(`\n${await this.shown(activity)}`);
      for (const attachment of activity.attachments ?? []) {
        const card = attachment.content as {
          text?: string;
          buttons?: Array<{ title: string; value: unknown }>;
        };
        if (card?.text) console.log(`\n${this.options.render?.(card.text) ?? card.text}`);
        this.offer(card?.buttons ?? []);
      }
      this.offer(activity.suggestedActions?.actions ?? []);
    }
    return activities.map(() => ({ id: String(++this.nextId) }));
  }

  /** Numbered buttons: typing the number presses one. */
  private offer(buttons: ReadonlyArray<{ title: string; value: unknown }>): void {
    for (const b of buttons) {
      this.buttons.push(b);
      console.log(`  [${this.buttons.length}] ${b.title}`);
    }
  }

  /** The text, then each attached document as its name and where it is: the saved file, else its link. */
  private async shown(activity: Partial<Activity>): Promise<string> {
    const text = this.options.render ? this.options.render(activity.text ?? '') : (activity.text ?? '');
    const documents: string[] = [];
    for (const attachment of activity.attachments ?? []) {
      const url = attachment.contentUrl;
      if (url) documents.push(`${attachment.name ?? url} (${(await this.options.save?.(url)) ?? url})`);
    }
    return [text, ...documents].join('\n');
  }

  async updateActivity(): Promise<void> {
    throw new Error('The console cannot update a message.');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('The console cannot delete a message.');
  }

  async continueConversation(): Promise<void> {
    throw new Error('The console has no proactive messages.');
  }
}
