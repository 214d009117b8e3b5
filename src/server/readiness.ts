/** One thing the bot needs to serve users; resolves to undefined when fine, else to the reason it is not. */
export type ReadinessCheck = () => Promise<string | undefined>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

/**
 * Whether this instance should get traffic (GET /readyz): shared storage and backend reachable, content
 * loaded, not shutting down. A load balancer stops sending requests to an instance that is not ready.
 */
export class Readiness {
  private shuttingDown = false;

  constructor(
    private readonly checks: Record<string, ReadinessCheck>,
    private readonly timeoutMs = 2000,
  ) {}

  /** From now on the instance reports "shutting down" and gets no new traffic. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { ready: false, checks: { instance: 'shutting down' } };
    const results = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    return {
      ready: results.every(([, problem]) => problem === undefined),
      checks: Object.fromEntries(results.map(([name, problem]) => [name, problem ?? 'ok'])),
    };
  }

  private async run(check: ReadinessCheck): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    try {
      return await Promise.race([check().catch((error: Error) => error.message), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The backend answers HTTP at all (any status below 500): it is up, whatever this path means to it. */
export function backendReachable(baseUrl: string, timeoutMs = 2000): ReadinessCheck {
  return async () => {
    try {
      const response = await fetch(baseUrl, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return response.status < 500 ? undefined : `backend answered ${response.status}`;
    } catch (error) {
      return `backend unreachable: ${(error as Error).message}`;
    }
  };
}
