import type { Activity } from 'botbuilder';
import { createApplication, type Application, type ApplicationOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { captureLogs } from './logs';
import { DEMO_TOTP_SECRET } from '../../src/sandbox/customers';
import { totpCode } from '../../src/sandbox/totp';
import { transcript } from './activities';
import { TestConversation } from './conversation';

/** 10 March 2026, 09:00 UTC: certificates exist for 2025, 2024, 2023 (customer 1). */
export const START_OF_TESTS = Date.parse('2026-03-10T09:00:00Z');

/**
 * The real application — bot, action dialogs, backend client — against the sandbox backend on a free port,
 * with a clock the test moves and every log line captured: the sandbox's (its outbox has the codes it "sent")
 * and the bot's structured log, apart.
 */
export class ActionApp {
  private conversations = 0;

  private constructor(
    readonly app: Application,
    readonly sandboxLog: string[],
    readonly botLog: string[],
    private readonly clock: { now: number },
  ) {}

  static async start(
    env: Record<string, string> = {},
    state: Pick<ApplicationOptions, 'storage' | 'store'> = {},
  ): Promise<ActionApp> {
    const sandboxLog: string[] = [];
    const logs = captureLogs();
    const clock = { now: START_OF_TESTS };
    const app = await createApplication(loadConfig({ SANDBOX_PORT: '0', ...env }), {
      ...state,
      sandboxLog: (line) => sandboxLog.push(line),
      logger: logs.logger,
      now: () => clock.now,
    });
    return new ActionApp(app, sandboxLog, logs.lines, clock);
  }

  now(): number {
    return this.clock.now;
  }

  advance(ms: number): void {
    this.clock.now += ms;
  }

  /** A new conversation (its own id) with this deployment. */
  chat(locale: string): ActionChat {
    this.conversations += 1;
    return new ActionChat(new TestConversation(locale, this.app.bot, `conversation-${this.conversations}`));
  }

  /** The last identity code the sandbox "sent" to this contract number (read from its outbox). */
  lastIdentityCode(contract: string): string {
    const line = [...this.sandboxLog]
      .reverse()
      .find((l) => l.includes('[outbox]') && l.includes(`(${contract})`));
    const code = line?.match(/identity code (\d{6})/)?.[1];
    if (!code) throw new Error(`no identity code was sent to ${contract}`);
    return code;
  }

  /** The code the user reads in their authenticator app (the demo TOTP customer) now. */
  authenticatorCode(): string {
    return totpCode(DEMO_TOTP_SECRET, new Date(this.clock.now));
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** A conversation that returns what the user reads after each message. */
export class ActionChat {
  constructor(readonly conversation: TestConversation) {}

  async say(text: string): Promise<string> {
    return transcript(await this.conversation.send(text));
  }

  async sayFull(text: string): Promise<Partial<Activity>[]> {
    return this.conversation.send(text);
  }
}
