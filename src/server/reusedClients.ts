import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { failFast } from './replyDelivery';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/**
 * Clients kept at most: in practice one per channel service URL, but without MicrosoftAppId a request names
 * any serviceUrl it likes, so the cache must not grow with them.
 */
const MAX_CLIENTS = 64;
/** A client unused this long is dropped (its credentials and pipeline are made again when needed). */
const IDLE_MS = 3_600_000;

/**
 * The most recently used values, at most `max` of them and none idle longer than `idleMs`; a value whose
 * making failed is not kept.
 */
export class RecentlyUsed<T> {
  /** Least recently used first. */
  private readonly values = new Map<string, { value: Promise<T>; usedAt: number }>();

  constructor(
    private readonly max: number,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const now = this.now();
    for (const [oldest, { usedAt }] of this.values) {
      if (now - usedAt < this.idleMs) break;
      this.values.delete(oldest);
    }
    let value = this.values.get(key)?.value;
    this.values.delete(key);
    if (!value) {
      const made = make();
      made.catch(() => {
        if (this.values.get(key)?.value === made) this.values.delete(key);
      });
      value = made;
    }
    this.values.set(key, { value, usedAt: now });
    if (this.values.size > this.max) this.values.delete(this.values.keys().next().value!);
    return value;
  }
}

/** The bot's app id as botbuilder derives it from a request's claims (audience, else the Emulator's appid). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * Bot Framework authentication that makes each connector (and user-token) client once and reuses it.
 * botbuilder's own makes new ones on every turn, each building an Azure HTTP pipeline of a dozen policies and
 * its credentials: about 6% of a turn's CPU. A client depends only on the app id, service URL and audience
 * (the HTTP connections are pooled apart from it), so reusing one changes nothing else.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new RecentlyUsed<ConnectorClient>(MAX_CLIENTS, IDLE_MS);
  private readonly userTokenClients = new RecentlyUsed<UserTokenClient>(MAX_CLIENTS, IDLE_MS);

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory, claimsIdentity } = result;
    return {
      ...result,
      connectorFactory: connectorFactory && this.reusing(connectorFactory, claimsIdentity),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  private reusing(factory: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl, audience) =>
        this.connectors.get(JSON.stringify([appId, serviceUrl, audience]), async () => {
          const connector = await factory.create(serviceUrl, audience);
          failFast(connector);
          return connector;
        }),
    };
  }
}
