import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import { clientAddress, isLoopbackAddress } from './clientAddress';
import type { BotMetrics } from '../observability/metrics';
import type { Readiness } from './readiness';

export interface OperationsOptions {
  metrics: BotMetrics;
  readiness: Readiness;
  /** METRICS_TOKEN: /metrics wants it as a bearer token; without one only callers on this machine may read. */
  metricsToken?: string;
  /** TRUST_PROXY (see ./clientAddress.ts). */
  trustedProxies?: number;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the caller may read /metrics (counts of what users ask, lockouts, backend failures). */
function mayReadMetrics(req: restify.Request, token: string | undefined, trustedProxies: number): boolean {
  if (!token) return isLoopbackAddress(clientAddress(req, trustedProxies));
  const offered = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(offered), digest(token));
}

/** The operator's endpoints: GET /readyz (503 with the reasons when not ready) and GET /metrics (Prometheus). */
export function registerOperations(
  server: restify.Server,
  { metrics, readiness, metricsToken, trustedProxies = 0 }: OperationsOptions,
): void {
  server.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.send(report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
    });
  });

  server.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req, metricsToken, trustedProxies)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'GET /metrics needs the METRICS_TOKEN as a bearer token' });
      return;
    }
    const { contentType, body } = await metrics.exposition();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}
