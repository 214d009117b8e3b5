import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Net from 'node:net';
import type { Logger } from '../observability/logger';
import type { Readiness } from './readiness';

export interface ShutdownOptions {
  /** The HTTP server (restify's `server.server`). */
  server: Pick<Server, 'close' | 'closeIdleConnections' | 'prependListener'>;
  readiness: Readiness;
  /** Finishes the turns in progress and closes storage (Application.close). */
  closeApplication: () => Promise<void>;
  logger: Logger;
  /** After this long, give up waiting: the process manager will kill us anyway. */
  timeoutMs?: number;
  /**
   * How long open keep-alive connections may still bring a request (answered with Connection: close)
   * before idle ones are closed: closing a connection at the moment its client sends on it drops that request.
   */
  keepAliveGraceMs?: number;
}

/**
 * Graceful shutdown (SIGTERM): report "not ready" so the load balancer sends nothing new, stop accepting
 * connections, let the turns in progress finish and commit their state, then close Redis. Resolves true
 * if everything finished in time.
 */
export function createShutdown(options: ShutdownOptions): () => Promise<boolean> {
  let shutdown: Promise<boolean> | undefined;
  // While draining, every answer tells a keep-alive client to reconnect (to another instance) for its next
  // request: those not yet begun when SIGTERM comes, and those that arrive while the turns finish.
  const pending = new Set<ServerResponse>();
  options.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (shutdown) res.setHeader('Connection', 'close');
    else {
      pending.add(res);
      res.once('close', () => pending.delete(res));
    }
  });
  return () => {
    for (const res of pending) if (!res.headersSent) res.setHeader('Connection', 'close');
    pending.clear();
    return (shutdown ??= run(options));
  };
}

async function run({
  server,
  readiness,
  closeApplication,
  logger,
  timeoutMs = 25_000,
  keepAliveGraceMs = 1000,
}: ShutdownOptions) {
  logger.info('shutting down: finishing the turns in progress');
  readiness.markShuttingDown();
  // No new connections from now on. net.Server's close, not http.Server's: the latter also closes every idle
  // keep-alive connection at once, racing clients that are sending their next request on it.
  const serverClosed = new Promise<void>((resolve) =>
    Net.Server.prototype.close.call(server, () => resolve()),
  );
  // Then keep-alive connections would hold the server open: close each as soon as its last response is out.
  let idleSweep: NodeJS.Timeout | undefined;
  const grace = setTimeout(() => {
    server.closeIdleConnections();
    idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  }, keepAliveGraceMs);
  void serverClosed.then(() => {
    clearTimeout(grace);
    clearInterval(idleSweep);
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const finished = Promise.all([serverClosed, closeApplication()]).then(() => true as const);
  const clean = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  clearTimeout(grace);
  clearInterval(idleSweep);
  if (clean) logger.info('shut down cleanly');
  else logger.error(`shutdown did not finish within ${timeoutMs} ms`);
  return clean;
}
