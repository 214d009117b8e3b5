import { runSoak } from '../../bench/soakRun';

/**
 * The quick variant of `npm run soak`: the real server process under a steady load with a TTL of a few
 * seconds. What it proves is that in-memory conversation state goes away by itself, not how fast anything is.
 */
test('under load and after it, in-memory conversations expire: the count falls back to 0, no turn fails', async () => {
  const result = await runSoak({
    minutes: 0.2,
    conversations: 4,
    turnsPerConversation: 5,
    ttlMinutes: 0.075,
    sampleEveryMs: 2000,
    settleMs: 8000,
  });

  expect(result.errors).toBe(0);
  expect(result.turns).toBeGreaterThan(0);
  const underLoad = result.samples.filter((s) => s.underLoad);
  const peak = Math.max(...underLoad.map((s) => s.conversations));
  expect(peak).toBeGreaterThan(0);
  expect(result.samples.at(-1)).toMatchObject({ underLoad: false, conversations: 0 });
}, 90_000);
