import type restify from 'restify';
import type { BotMetrics } from '../observability/metrics';
import type { Readiness } from './readiness';

export interface OperationsOptions {
  metrics: BotMetrics;
  readiness: Readiness;
}

/** The operator's endpoints: GET /readyz (503 with the reasons when not ready) and GET /metrics (Prometheus). */
export function registerOperations(server: restify.Server, { metrics, readiness }: OperationsOptions): void {
  server.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.send(report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
    });
  });

  server.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}
