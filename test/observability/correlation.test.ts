import { newCorrelationId } from '../../src/observability/correlation';

test('correlation ids stay 16 hex digits and distinct across many turns', () => {
  const ids = Array.from({ length: 1000 }, () => newCorrelationId());
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  expect(new Set(ids).size).toBe(ids.length);
});
