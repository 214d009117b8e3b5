import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ContractNumber } from '../../security/contractNumber';
import { VERIFICATION_RULES } from '../../security/identityGuard';
import type { SecretBox } from '../../security/secretBox';
import type { ConversationData } from '../conversationData';

/**
 * A verification holds for one conversation and lapses after 10 minutes without a turn. The backend's
 * access token is kept sealed in conversation state, never in clear.
 */
export class VerifiedSessions {
  constructor(
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
    private readonly box: SecretBox,
    private readonly now: () => number,
  ) {}

  async start(context: TurnContext, accessToken: string, contract: ContractNumber): Promise<void> {
    const data = await this.conversationData.get(context, {});
    data.verified = {
      sealedToken: this.box.seal(accessToken),
      sealedContract: this.box.seal(contract),
      until: this.now() + VERIFICATION_RULES.sessionIdleMs,
    };
  }

  /** The access token of a verification still in force, or undefined. */
  async accessToken(context: TurnContext): Promise<string | undefined> {
    const data = await this.conversationData.get(context, {});
    if (!data.verified || data.verified.until <= this.now()) return undefined;
    return this.box.open(data.verified.sealedToken);
  }

  /** The contract number of a verification still in force, or undefined. */
  async contractNumber(context: TurnContext): Promise<ContractNumber | undefined> {
    const data = await this.conversationData.get(context, {});
    if (!data.verified?.sealedContract || data.verified.until <= this.now()) return undefined;
    return this.box.open(data.verified.sealedContract) as ContractNumber;
  }

  /** Like accessToken, but a lapsed verification fails the way the backend would: as unauthorized. */
  async requireAccessToken(context: TurnContext): Promise<string> {
    const token = await this.accessToken(context);
    if (!token) throw Object.assign(new Error('verification lapsed'), { kind: 'unauthorized' });
    return token;
  }

  /** Called on every turn: a live verification is extended, a lapsed one is forgotten. */
  async touch(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (!data.verified) return;
    if (data.verified.until <= this.now()) delete data.verified;
    else data.verified.until = this.now() + VERIFICATION_RULES.sessionIdleMs;
  }

  async end(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    delete data.verified;
  }
}
