import type { SelfServiceBackend, SupportRequestInput } from '../../src/dialogs/actions/ports';
import { instrumentBackend } from '../../src/observability/instrumentedBackend';
import { BotMetrics } from '../../src/observability/metrics';
import { backendDown } from '../helpers/backendDown';

const request: SupportRequestInput = {
  topic: 'Login',
  description: 'Gesperrt',
  contact: { kind: 'email', value: 'anna.muster@example.com' },
  language: 'de',
  contractNumber: 'unverified',
  summary: [],
  consent: true,
};

/** A counter's value, or a histogram's observation count (its `_count` series). */
async function sample(metrics: BotMetrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const found = metric?.values.find(
    (v) =>
      [name, `${name}_count`].includes((v as { metricName?: string }).metricName ?? name) &&
      Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  );
  return found?.value ?? 0;
}

test('support requests are timed and their failures counted by kind, like every backend call', async () => {
  const metrics = new BotMetrics();
  let calls = 0;
  const backend: SelfServiceBackend = {
    ...backendDown,
    createSupportRequest: async (input) => {
      calls += 1;
      if (calls > 1) throw Object.assign(new Error('limit'), { kind: 'rate-limited' });
      return { reference: `KPT-2026-00000${input.summary.length + 1}` };
    },
  };
  const instrumented = instrumentBackend(backend, metrics);

  await expect(instrumented.createSupportRequest(request)).resolves.toEqual({ reference: 'KPT-2026-000001' });
  await expect(instrumented.createSupportRequest(request)).rejects.toMatchObject({ kind: 'rate-limited' });

  const operation = 'createSupportRequest';
  expect(await sample(metrics, 'bot_backend_call_duration_seconds', { operation, result: 'ok' })).toBe(1);
  expect(await sample(metrics, 'bot_backend_errors_total', { operation, kind: 'rate-limited' })).toBe(1);
  // The support request is an action of the catalog: its outcomes count like the others'.
  const action = 'support-request';
  expect(await sample(metrics, 'bot_action_outcomes_total', { action, outcome: 'ok' })).toBe(1);
  expect(await sample(metrics, 'bot_action_outcomes_total', { action, outcome: 'rate-limited' })).toBe(1);
});
